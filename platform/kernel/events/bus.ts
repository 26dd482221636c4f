/**
 * Wakes the nodes when events were written. It carries no events: a woken node reads the log past
 * its own cursor, so a lost wake-up only delays delivery until the next one or the periodic catch-up.
 */
export interface EventBus {
  notify(): void;
  onWake(listener: () => void): () => void;
  close(): Promise<void>;
}

/** One node: wakes its own hub. */
export class LocalEventBus implements EventBus {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  onWake(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
