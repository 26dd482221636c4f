import { faceScanTimes } from '@shared/domain/anchors/face-scan';
import type { FaceSample } from '@shared/domain/anchors/placement';
import { landmarkBox } from '@shared/domain/tryon/landmark-box';
import { emptyPixelFrame, readFrame, type PixelFrame } from '../tryon/frame-pixels';
import { MAX_LANDMARKS, type Tracker } from '../tryon/tracker';
import { createTracker } from '../tryon/tracker-choice';

export type FaceScanSource = Readonly<{ url: string; kind: 'video' | 'photo'; durationMs: number }>;

/**
 * The face journal of a draft that has none (an imported video or photo): the try-on's tracker run
 * over a few frames spread over the media (faceScanTimes), each face box in the same normalised
 * coordinates a take's journal uses, so "near the face" placement works the same. Frames without a
 * face are left out; an empty list means no face was found. The tracker lives for this scan only.
 */
export async function scanFaces(source: FaceScanSource, signal: AbortSignal, makeTracker: () => Promise<Tracker> = () => createTracker('auto')): Promise<FaceSample[]> {
  const frames = source.kind === 'photo' ? photoFrames(source.url) : videoFrames(source.url, faceScanTimes(source.durationMs), signal);
  const tracker = await makeTracker();
  try {
    const out = new Float32Array(MAX_LANDMARKS * 3);
    const samples: FaceSample[] = [];
    for await (const { t, frame } of frames) {
      if (signal.aborted) break;
      // Each sample is a still of its own: no tracking carried over from the previous one.
      tracker.reset();
      const count = await tracker.estimate(frame, out, true);
      const box = landmarkBox(out, count, frame.width, frame.height, false);
      if (box) samples.push({ t, ...box });
    }
    return samples;
  } finally {
    tracker.dispose();
  }
}

async function* photoFrames(url: string): AsyncGenerator<{ t: number; frame: PixelFrame }> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  canvas.getContext('2d')!.drawImage(image, 0, 0);
  const frame = emptyPixelFrame();
  await readFrame(canvas, frame);
  yield { t: 0, frame };
}

async function* videoFrames(url: string, times: readonly number[], signal: AbortSignal): AsyncGenerator<{ t: number; frame: PixelFrame }> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  try {
    await new Promise<void>((resolve, reject) => {
      video.addEventListener('loadeddata', () => resolve(), { once: true });
      video.addEventListener('error', () => reject(new Error(video.error?.message || 'the video cannot be read')), { once: true });
      video.src = url;
    });
    const frame = emptyPixelFrame();
    for (const t of times) {
      if (signal.aborted) return;
      await seek(video, t / 1000);
      await readFrame(video, frame);
      yield { t, frame };
    }
  } finally {
    video.removeAttribute('src');
    video.load();
  }
}

function seek(video: HTMLVideoElement, seconds: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      video.removeEventListener('error', failed);
      resolve();
    };
    const failed = (): void => {
      video.removeEventListener('seeked', done);
      reject(new Error(video.error?.message || 'the video cannot be read'));
    };
    video.addEventListener('seeked', done, { once: true });
    video.addEventListener('error', failed, { once: true });
    video.currentTime = Math.min(seconds, Math.max(0, video.duration - 0.05) || seconds);
  });
}
