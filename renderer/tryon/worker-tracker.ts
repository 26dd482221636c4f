import type { PixelFrame } from './frame-pixels';
import { MAX_LANDMARKS, type Tracker, type TrackerInfo } from './tracker';
import type { TrackerRequest, TrackerResponse } from './tracker.worker';

type TrackerRequestInit = Extract<TrackerRequest, { type: 'init' }>;
type TrackerRequestReset = Extract<TrackerRequest, { type: 'reset' }>;

/**
 * The page side of tracker.worker.ts. One estimate in flight at a time (the engine's frame pump
 * guarantees it). The frame's RGBA bytes and the landmark buffer are transferred to the worker and
 * come back with the answer, so nothing is copied or allocated per frame beyond the message itself.
 */
export class WorkerTracker implements Tracker {
  private buffer: Float32Array | null = new Float32Array(MAX_LANDMARKS * 3);
  private pending: { resolve: (count: number) => void; reject: (error: Error) => void; out: Float32Array; frame: PixelFrame } | null = null;
  private readonly request: { type: 'estimate'; pixels: Uint8Array | null; width: number; height: number; points: Float32Array | null; still: boolean } = {
    type: 'estimate',
    pixels: null,
    width: 0,
    height: 0,
    points: null,
    still: false,
  };
  private readonly transfer: Transferable[] = [];
  /** The last estimate's time inside the worker (ms): the round trip minus the transfers and the wait for the thread. */
  lastEstimateMs = 0;

  private constructor(
    private readonly worker: Worker,
    readonly info: TrackerInfo,
  ) {
    worker.onmessage = (event: MessageEvent<TrackerResponse>) => this.onMessage(event.data);
  }

  /** `refined`: the 478-point attention mesh (stills' refined lips, still-refiner.ts) instead of the 468-point mesh. */
  static async create(options: Readonly<{ refined?: boolean; modelBase?: string; wasmBase?: string }> = {}): Promise<WorkerTracker> {
    const refined = options.refined ?? false;
    const worker = new Worker(new URL('./tracker.worker.ts', import.meta.url), { type: 'module', name: refined ? 'face-tracker-refined' : 'face-tracker' });
    const landmarks = await new Promise<468 | 478>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<TrackerResponse>) => {
        if (event.data.type === 'ready') resolve(event.data.landmarks);
        else if (event.data.type === 'error') reject(new Error(event.data.message));
      };
      worker.onerror = (event) => reject(new Error(event.message || 'the tracker worker failed to start'));
      const init: TrackerRequestInit = { type: 'init', refined, modelBase: options.modelBase ?? '/models/', wasmBase: options.wasmBase ?? '/wasm/' };
      worker.postMessage(init);
    }).catch((error: unknown) => {
      worker.terminate();
      throw error;
    });
    return new WorkerTracker(worker, { backend: 'wasm', landmarks, threads: false, worker: true });
  }

  estimate(frame: PixelFrame, out: Float32Array, still: boolean): Promise<number> {
    const buffer = this.buffer;
    if (!buffer || this.pending) return Promise.reject(new Error('one estimate at a time'));
    return new Promise<number>((resolve, reject) => {
      this.pending = { resolve, reject, out, frame };
      this.buffer = null;
      // One request object and transfer list, refilled per frame (structured clone copies them).
      this.request.pixels = frame.data;
      this.request.width = frame.width;
      this.request.height = frame.height;
      this.request.points = buffer;
      this.request.still = still;
      this.transfer[0] = frame.data.buffer;
      this.transfer[1] = buffer.buffer;
      this.worker.postMessage(this.request, this.transfer);
      this.request.pixels = null;
      this.request.points = null;
      this.transfer.length = 0;
    });
  }

  reset(): void {
    this.worker.postMessage({ type: 'reset' } satisfies TrackerRequestReset);
  }

  dispose(): void {
    this.worker.terminate();
    this.pending?.reject(new Error('the tracker was closed'));
    this.pending = null;
  }

  private onMessage(message: TrackerResponse): void {
    const pending = this.pending;
    if (!pending || message.type === 'ready') return;
    this.pending = null;
    // The lent buffers come back with every answer (a lost one is replaced, never waited for).
    if (message.pixels) pending.frame.data = message.pixels;
    this.buffer = message.points ?? new Float32Array(MAX_LANDMARKS * 3);
    if (message.type === 'result') {
      this.lastEstimateMs = message.ms;
      if (message.count > 0) pending.out.set(message.points.subarray(0, message.count * 3));
      pending.resolve(message.count);
    } else {
      pending.reject(new Error(message.message));
    }
  }
}
