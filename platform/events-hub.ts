import type { PlatformEvent } from '../shared/protocol/index';

/** In-process fan-out of platform events to WebSocket subscribers. */
export class EventsHub {
  private readonly listeners = new Set<(event: PlatformEvent) => void>();

  subscribe(listener: (event: PlatformEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: PlatformEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  get size(): number {
    return this.listeners.size;
  }
}
