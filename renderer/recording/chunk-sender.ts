import type { RecordingEvent, TakeId } from '@shared/ipc/media-schemas';
import { RECORDING_CHUNK_MAX } from '@shared/ipc/media-schemas';
import type { Result } from '@shared/ipc/result';
import type { StudioClient } from '../client/studio-client-type';

type Op = Readonly<{ kind: 'chunk'; blob: Blob }> | Readonly<{ kind: 'event'; event: RecordingEvent }>;

/** How long a lost connection is waited for before the take is given up: the host may be restarting. */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000];

/**
 * Sends a take's chunks and journal events to the main side strictly in order, one call in flight.
 * A chunk stays queued until the main side acknowledged it; a call lost with the connection is sent
 * again with the same seq (the session ignores a repeat), so nothing is lost or written twice. The
 * queue is the backpressure: MediaRecorder keeps producing while a slow disk or socket catches up,
 * and `backlogBytes` says how far behind the main side is.
 */
export class ChunkSender {
  private readonly queue: Op[] = [];
  private seq = 0;
  private running: Promise<void> | null = null;
  private backlog = 0;
  private failure: string | null = null;

  constructor(
    private readonly client: StudioClient,
    private readonly takeId: TakeId,
    private readonly onFailed: (message: string) => void,
  ) {}

  get backlogBytes(): number {
    return this.backlog;
  }

  get failed(): string | null {
    return this.failure;
  }

  chunk(blob: Blob): void {
    if (blob.size === 0 || this.failure) return;
    this.backlog += blob.size;
    this.push({ kind: 'chunk', blob });
  }

  event(event: RecordingEvent): void {
    if (this.failure) return;
    this.push({ kind: 'event', event });
  }

  /** Resolves once everything queued so far is acknowledged (or the take failed). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private push(op: Op): void {
    this.queue.push(op);
    this.running ??= this.pump().finally(() => (this.running = null));
  }

  private async pump(): Promise<void> {
    for (let op = this.queue.shift(); op && !this.failure; op = this.queue.shift()) {
      if (op.kind === 'event') {
        // A journal line that cannot be written is not worth stopping the take for.
        await this.send(() => this.client.recordings.event({ takeId: this.takeId, event: op.event }), false);
        continue;
      }
      const bytes = new Uint8Array(await op.blob.arrayBuffer());
      for (let offset = 0; offset < bytes.byteLength && !this.failure; offset += RECORDING_CHUNK_MAX) {
        const seq = this.seq++;
        const piece = bytes.subarray(offset, Math.min(bytes.byteLength, offset + RECORDING_CHUNK_MAX));
        await this.send(() => this.client.recordings.chunk({ takeId: this.takeId, seq, bytes: piece }), true);
      }
      this.backlog -= op.blob.size;
    }
  }

  private async send(call: () => Promise<Result<unknown>>, vital: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const result = await call();
      if (result.ok) return;
      const retry = result.error.code === 'unavailable' && attempt < RETRY_DELAYS_MS.length;
      if (retry) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
        continue;
      }
      if (!vital) return;
      this.failure = result.error.message;
      this.queue.length = 0;
      this.onFailed(result.error.message);
      return;
    }
  }
}
