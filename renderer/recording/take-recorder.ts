import type { Draft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import type { RecordingEvent, TakeId } from '@shared/ipc/media-schemas';
import { unwrap } from '@shared/ipc/result';
import type { LookLayerIds } from '@shared/domain/tryon/look-ids';
import type { StudioClient } from '../client/studio-client-type';
import { t } from '../i18n/i18n';
import { ChunkSender } from './chunk-sender';

/** MediaRecorder slices: small enough that a crash loses about half a second, large enough to stay cheap. */
export const TIMESLICE_MS = 500;
/** Enough for lip colours to survive at 720p (the e2e checks them in the export); the export re-encodes anyway. */
const VIDEO_BITS_PER_SECOND = 2_500_000;

/**
 * VP9 first: measured with `npm run bench -- recording` on a 2-core machine, Chromium's VP9 kept
 * 418 of 479 frames of a 16 s take where VP8 kept 137 (its VP8 settings are the slower ones here).
 */
export function pickMimeType(withAudio: boolean): string {
  const candidates = withAudio ? ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'] : ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
  const found = candidates.find((type) => MediaRecorder.isTypeSupported(type));
  if (!found) throw new Error(t('shoot.noWebm'));
  return found;
}

export type TakeRecorderOptions = Readonly<{
  client: StudioClient;
  /** The try-on's one compositing canvas: exactly what the creator sees is recorded. */
  canvas: HTMLCanvasElement;
  /** The chosen microphone, or null to record without sound. */
  audio: MediaStreamTrack | null;
  itemId: string | null;
  attributeId: string | null;
  /** The whole look worn at the start, for the journal (absent where the page has no layers). */
  look?: readonly LookLayerIds[] | undefined;
  /** The main side stopped the take (disk full, connection gone): what was written is kept. */
  onFailed: (message: string) => void;
}>;

/**
 * One take: the canvas stream (plus the microphone) through MediaRecorder, each 500 ms slice sent
 * in order to the main side as it is produced (crash-safe there), journal events in the same order.
 */
export class TakeRecorder {
  private recorder: MediaRecorder | null = null;
  private sender: ChunkSender | null = null;
  private stream: MediaStream | null = null;
  private stopped: Promise<void> | null = null;
  takeId: TakeId | null = null;
  draftId: DraftId | null = null;

  constructor(private readonly options: TakeRecorderOptions) {}

  /**
   * Opens the take on the main side and sets the recorder up, without recording yet: done during
   * the countdown, so recording starts the moment it ends and media time matches the page's clock.
   */
  async prepare(): Promise<void> {
    const { client, canvas, audio } = this.options;
    // No frame rate: a frame is captured whenever the engine draws one. With a rate Chromium paces
    // capture on its own clock and, when draws come irregularly on a busy machine, skips many.
    const stream = canvas.captureStream();
    // The page's own track, not a clone: Mute (track.enabled) must reach the recording. The page
    // keeps the device fixed while a take runs, and halt() leaves audio tracks to their owner.
    if (audio) stream.addTrack(audio);
    const mimeType = pickMimeType(audio !== null);
    const { itemId, attributeId, look } = this.options;
    const started = unwrap(await client.recordings.start({ mimeType, itemId, attributeId, ...(look ? { look: [...look] } : {}) }));
    this.takeId = started.takeId;
    this.draftId = started.draftId;
    const sender = new ChunkSender(client, started.takeId, (message) => {
      this.halt();
      this.options.onFailed(message);
    });
    const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: VIDEO_BITS_PER_SECOND, audioBitsPerSecond: 128_000 });
    recorder.ondataavailable = (e) => sender.chunk(e.data);
    this.stopped = new Promise((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    this.sender = sender;
    this.recorder = recorder;
    this.stream = stream;
  }

  begin(): void {
    if (!this.recorder) throw new Error('The take was not prepared');
    this.recorder.start(TIMESLICE_MS);
  }

  get backlogBytes(): number {
    return this.sender?.backlogBytes ?? 0;
  }

  event(event: RecordingEvent): void {
    this.sender?.event(event);
  }

  pause(t: number): void {
    if (this.recorder?.state !== 'recording') return;
    this.recorder.pause();
    this.event({ type: 'pause', t });
  }

  resume(t: number): void {
    if (this.recorder?.state !== 'paused') return;
    this.recorder.resume();
    this.event({ type: 'resume', t });
  }

  /** Stops recording, waits until every slice is acknowledged, and finishes the take into its draft. */
  async stop(mediaMs: number): Promise<Draft> {
    const { client } = this.options;
    if (!this.takeId || !this.sender) throw new Error('Nothing is being recorded');
    this.halt();
    await this.stopped;
    await this.sender.drain();
    return unwrap(await client.recordings.finish({ takeId: this.takeId, mediaMs: Math.max(0, Math.round(mediaMs)) }));
  }

  /** Drops the take and its draft (also one prepared but never begun). */
  async abort(): Promise<void> {
    const began = this.recorder !== null && this.recorder.state !== 'inactive';
    this.halt();
    if (began) await this.stopped;
    await this.sender?.drain();
    if (this.takeId) await this.options.client.recordings.abort({ takeId: this.takeId });
  }

  private halt(): void {
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    // The canvas track ends only after the recorder has stopped: ending it at once drops the frames
    // still queued in the encoder, which on a busy machine is the last second or two of the take.
    const stream = this.stream;
    if (!this.stopped) for (const track of stream?.getVideoTracks() ?? []) track.stop();
    else void this.stopped.then(() => stream?.getVideoTracks().forEach((track) => track.stop()));
  }
}
