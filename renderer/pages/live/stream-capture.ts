import type { StreamId } from '@shared/ipc/nouns/live-stream';
import { STREAM_CHUNK_MAX } from '@shared/ipc/nouns/live-stream';
import type { StudioClient } from '../../client/studio-client-type';
import { t } from '../../i18n/i18n';
import { canvasTrack, type CanvasTrack } from './canvas-track';
import type { FrameSource } from './stream-compositor';

/** Short slices keep the delay before ffmpeg sees a frame low; 250 ms is 4 calls a second. */
export const LIVE_TIMESLICE_MS = 250;
/** A VP8/VP9 capture is re-encoded main-side: generous, so the x264 output is not limited by it. */
const CAPTURE_BITS_PER_SECOND = 4_000_000;
/** More than this waiting for the main side means it cannot keep up: the stream stops, in words. */
const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;

/**
 * The live capture's codec: H.264 in WebM first, then VP8, VP9 last. Measured here (Chromium,
 * software, 640×480 canvas at 30 fps, 6 s, load ~13 on 2 cores): VP9 64 % of a core, VP8 41 %,
 * H.264 40 %; the main side's ffmpeg also decodes H.264 and VP8 for less than VP9. At 720p30 the
 * encoder alone (`BENCH_LIVE_RECORDER=1 npm run bench -- live`, load 9–12): H.264 at 2.5 Mb/s ~20 %
 * with a keyframe every 0.5 s or 2 s alike, VP8 ~61 % — and VP8 is re-encoded by x264 too. (Takes
 * keep VP9: they are not encoded against the clock.)
 */
export function pickLiveMimeType(withAudio: boolean, supported: (type: string) => boolean = (t) => MediaRecorder.isTypeSupported(t)): string {
  const video = ['h264', 'vp8', 'vp9'];
  const found = video.map((codec) => `video/webm;codecs=${codec}${withAudio ? ',opus' : ''}`).find(supported) ?? (supported('video/webm') ? 'video/webm' : null);
  if (!found) throw new Error(t('shoot.noWebm'));
  return found;
}

export type StreamCaptureOptions = Readonly<{
  client: StudioClient;
  /** The stream's picture (the try-on frame with the gift alert, stream-compositor.ts): each frame it draws is sent. */
  source: FrameSource;
  /** The microphone's track, or null for a stream without sound (main adds silence). */
  audio: MediaStreamTrack | null;
  /**
   * The output's video bitrate: an H.264 capture is made at it, since main passes H.264 through
   * to the destinations without re-encoding (electron/services/live-stream/stream-plan.ts).
   */
  videoKbps: number;
  /** Keyframe interval asked of the recorder: the room HLS fragment (ROOM_FRAGMENT_MS) when streaming to the platform room, 2 s for RTMP services alone. */
  keyframeMs: number;
  onFailed: (message: string) => void;
}>;

/**
 * The live capture: its own MediaRecorder on the try-on canvas (and the microphone), so a take can
 * be recorded from the same canvas at the same time; WebM slices go to the main side strictly in
 * order, one call in flight, each with its seq (a resend is acknowledged, not pushed twice).
 */
export class StreamCapture {
  private recorder: MediaRecorder | null = null;
  private video: CanvasTrack | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly queue: Blob[] = [];
  private backlog = 0;
  private seq = 0;
  private running: Promise<void> | null = null;
  private streamId: StreamId | null = null;
  private failed = false;
  readonly mimeType: string;

  constructor(private readonly options: StreamCaptureOptions) {
    this.mimeType = pickLiveMimeType(options.audio !== null);
  }

  get hasAudio(): boolean {
    return this.options.audio !== null;
  }

  start(streamId: StreamId): void {
    this.streamId = streamId;
    // No frame rate: a frame is sent whenever the source draws one.
    const video = canvasTrack(this.options.source.canvas);
    this.unsubscribe = this.options.source.onDrawn(video.frame);
    const stream = new MediaStream([video.track]);
    if (this.options.audio) stream.addTrack(this.options.audio);
    // Chromium (116+) honours videoKeyFrameIntervalDuration: a keyframe at least that often (its
    // H.264 encoder adds its own on scene changes). The H.264 keyframes are the stream's: it is copied.
    const h264 = /codecs=h264/i.test(this.mimeType);
    const options = {
      mimeType: this.mimeType,
      videoBitsPerSecond: h264 ? this.options.videoKbps * 1000 : CAPTURE_BITS_PER_SECOND,
      audioBitsPerSecond: 128_000,
      videoKeyFrameIntervalDuration: this.options.keyframeMs,
    } as MediaRecorderOptions;
    const recorder = new MediaRecorder(stream, options);
    recorder.ondataavailable = (e) => this.push(e.data);
    recorder.start(LIVE_TIMESLICE_MS);
    this.recorder = recorder;
    this.video = video;
  }

  /** Stops the recorder and waits until the slices already made are sent. */
  async stop(): Promise<void> {
    const recorder = this.recorder;
    if (recorder && recorder.state !== 'inactive') {
      const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve, { once: true }));
      recorder.stop();
      await stopped;
    }
    // Only the video track: the microphone belongs to its owner.
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.video?.stop();
    this.video = null;
    while (this.running) await this.running;
  }

  private push(blob: Blob): void {
    if (blob.size === 0 || this.failed) return;
    this.queue.push(blob);
    this.backlog += blob.size;
    if (this.backlog > MAX_BACKLOG_BYTES) return this.fail('The studio could not send the stream fast enough');
    this.running ??= this.pump().finally(() => (this.running = null));
  }

  private async pump(): Promise<void> {
    const { client } = this.options;
    for (let blob = this.queue.shift(); blob && !this.failed; blob = this.queue.shift()) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      for (let offset = 0; offset < bytes.byteLength && !this.failed; offset += STREAM_CHUNK_MAX) {
        const piece = bytes.subarray(offset, Math.min(bytes.byteLength, offset + STREAM_CHUNK_MAX));
        const result = await client.stream.chunk({ streamId: this.streamId!, seq: this.seq++, bytes: piece });
        if (!result.ok) return this.fail(result.error.message);
        if (!result.value.accepted) return this.fail('The stream was stopped');
      }
      this.backlog -= blob.size;
    }
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.queue.length = 0;
    if (this.recorder?.state !== 'inactive') this.recorder?.stop();
    this.options.onFailed(message);
  }
}
