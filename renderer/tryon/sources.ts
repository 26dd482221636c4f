/** Why a source could not be opened, in words a creator can act on. */
export type SourceErrorCode = 'no-camera' | 'permission-denied' | 'camera-busy' | 'camera-lost' | 'unsupported-file' | 'corrupt-file';

export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export type Resolution = '720p' | '1080p';
const RESOLUTIONS: Readonly<Record<Resolution, { width: number; height: number }>> = {
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 },
};

export interface CameraDevice {
  readonly deviceId: string;
  readonly label: string;
}

/** Photos bigger than this are scaled down: tracking and makeup do not need more. */
const MAX_PHOTO_SIDE = 1920;

export async function listCameras(): Promise<CameraDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export async function openCameraStream(deviceId: string | null, resolution: Resolution): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new SourceError('no-camera', 'This browser gives no camera access. Open a photo or video instead.');
  const size = RESOLUTIONS[resolution];
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: size.width }, height: { ideal: size.height }, frameRate: { ideal: 30 } },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError')
      throw new SourceError('permission-denied', 'Camera permission was denied. Allow the camera in your system settings, or open a photo or video instead.');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new SourceError('no-camera', 'No camera found. Plug one in, or open a photo or video instead.');
    if (name === 'NotReadableError' || name === 'AbortError') throw new SourceError('camera-busy', 'The camera is in use by another app or could not start. Close that app and try again.');
    throw new SourceError('no-camera', `The camera could not start (${name || String(error)}). Open a photo or video instead.`);
  }
}

/** Plays a stream in a hidden video element, sized to the real frame (tfjs reads width/height). */
export async function videoFromStream(stream: MediaStream): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  await firstFrame(video);
  video.width = video.videoWidth;
  video.height = video.videoHeight;
  return video;
}

export function isImageFile(file: File): boolean {
  return file.type.startsWith('image/') || /\.(png|jpe?g|webp|gif|bmp|avif)$/i.test(file.name);
}

export function isVideoFile(file: File): boolean {
  return file.type.startsWith('video/') || /\.(mp4|webm|mov|m4v|mkv|ogv)$/i.test(file.name);
}

/** Decodes a photo into a canvas (the same pixels for the tracker and the texture). */
export async function canvasFromImageFile(file: Blob): Promise<HTMLCanvasElement> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new SourceError('corrupt-file', 'This photo could not be read: the file is damaged or not an image.');
  }
  try {
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new SourceError('corrupt-file', 'This photo could not be drawn.');
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    bitmap.close();
  }
}

/** Loads a local video, looping and muted, ready to play. The caller revokes `url` when done. */
export async function videoFromFile(file: Blob): Promise<{ video: HTMLVideoElement; url: string }> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.loop = true;
  video.playsInline = true;
  video.src = url;
  try {
    await new Promise<void>((resolve, reject) => {
      video.onloadeddata = () => resolve();
      video.onerror = () => reject(new SourceError('corrupt-file', 'This video could not be played: the file is damaged or in a format this app cannot decode.'));
    });
    await video.play();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error instanceof SourceError ? error : new SourceError('corrupt-file', 'This video could not be played.');
  } finally {
    video.onloadeddata = null;
    video.onerror = null;
  }
  video.width = video.videoWidth;
  video.height = video.videoHeight;
  return { video, url };
}

function firstFrame(video: HTMLVideoElement): Promise<void> {
  if (video.readyState >= 2 && video.videoWidth > 0) return Promise.resolve();
  return new Promise((resolve) => video.addEventListener('loadeddata', () => resolve(), { once: true }));
}

/** A playing video element (camera or file) and how to let it go. */
export interface LiveSource {
  readonly kind: 'camera' | 'video';
  readonly video: HTMLVideoElement;
  readonly release: () => void;
}

/**
 * A camera let go moments ago is kept open for a few seconds, so going from Studio to Shoot and back
 * (each page has its own engine) reuses it instead of stopping and reopening the device.
 */
const PARK_MS = 8000;
let parked: { stream: MediaStream; key: string; timer: ReturnType<typeof setTimeout> } | null = null;

function stopParked(): void {
  if (!parked) return;
  clearTimeout(parked.timer);
  parked.stream.getTracks().forEach((t) => t.stop());
  parked = null;
}

function park(stream: MediaStream, key: string): void {
  stopParked();
  parked = { stream, key, timer: setTimeout(stopParked, PARK_MS) };
}

function unpark(key: string): MediaStream | null {
  if (!parked) return null;
  const { stream } = parked;
  const usable = parked.key === key && stream.getVideoTracks().every((t) => t.readyState === 'live');
  if (!usable) return (stopParked(), null);
  clearTimeout(parked.timer);
  parked = null;
  return stream;
}

/** Opens a camera; `onEnded` fires if the device goes away (unplugged) while in use. */
export async function openCamera(deviceId: string | null, resolution: Resolution, onEnded: () => void): Promise<LiveSource> {
  const key = `${deviceId ?? ''}|${resolution}`;
  const stream = unpark(key) ?? (await openCameraStream(deviceId, resolution));
  const stop = (): void => stream.getTracks().forEach((t) => t.stop());
  try {
    const video = await videoFromStream(stream);
    for (const track of stream.getVideoTracks()) track.addEventListener('ended', onEnded);
    const release = (): void => {
      for (const track of stream.getVideoTracks()) track.removeEventListener('ended', onEnded);
      video.srcObject = null;
      park(stream, key);
    };
    return { kind: 'camera', video, release };
  } catch (error) {
    stop();
    throw error;
  }
}

export type OpenedFile = { readonly kind: 'still'; readonly canvas: HTMLCanvasElement } | { readonly kind: 'live'; readonly source: LiveSource };

/** Opens a local photo (decoded into a canvas) or video (playing, looped). */
export async function openFile(file: File): Promise<OpenedFile> {
  if (isImageFile(file)) return { kind: 'still', canvas: await canvasFromImageFile(file) };
  if (isVideoFile(file)) {
    const { video, url } = await videoFromFile(file);
    const release = (): void => {
      video.pause();
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
    };
    return { kind: 'live', source: { kind: 'video', video, release } };
  }
  throw new SourceError('unsupported-file', `“${file.name}” is not a photo or video. Open a PNG, JPEG or WebP photo, or an MP4 or WebM video.`);
}
