import { MediaError } from './media-error';

export interface QueueHandle<T> {
  readonly done: Promise<T>;
  cancel(): void;
}

interface Entry {
  readonly id: string;
  readonly start: (signal: AbortSignal) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly onWaiting: (ahead: number) => void;
  readonly controller: AbortController;
}

/**
 * Runs jobs one at a time in arrival order. ffmpeg already uses every core for one encode, so
 * running two at once would only make both finish later. A waiting job that is cancelled leaves
 * the queue at once; a running one is told through its AbortSignal and must stop its process.
 */
export class JobQueue {
  private readonly waiting: Entry[] = [];
  private running: Entry | null = null;

  enqueue<T>(id: string, start: (signal: AbortSignal) => Promise<T>, onWaiting: (ahead: number) => void = () => {}): QueueHandle<T> {
    let entry!: Entry;
    const done = new Promise<T>((resolve, reject) => {
      entry = { id, start, resolve: resolve as (value: unknown) => void, reject, onWaiting, controller: new AbortController() };
    });
    this.waiting.push(entry);
    if (this.running) onWaiting(this.waiting.length);
    this.pump();
    return { done, cancel: () => this.cancel(entry) };
  }

  /** Ids of the running job then the waiting ones, in order. */
  snapshot(): { running: string | null; waiting: string[] } {
    return { running: this.running?.id ?? null, waiting: this.waiting.map((e) => e.id) };
  }

  private cancel(entry: Entry): void {
    const index = this.waiting.indexOf(entry);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      entry.reject(new MediaError('cancelled', { key: 'media.cancelled' }));
      this.announce();
      return;
    }
    if (this.running === entry) entry.controller.abort();
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.running = next;
    this.announce();
    Promise.resolve()
      .then(() => next.start(next.controller.signal))
      .then(next.resolve, next.reject)
      .finally(() => {
        this.running = null;
        this.pump();
      });
  }

  private announce(): void {
    this.waiting.forEach((e, i) => e.onWaiting(i + 1));
  }
}
