import type { EventName, EventPayload, EventsSpec } from '@shared/ipc/define';

export type BusListener<E extends EventsSpec> = <K extends EventName<E>>(name: K, payload: EventPayload<E, K>) => void;

/** Main-side fan-out of pushed events to whichever transports are connected. */
export class EventBus<E extends EventsSpec> {
  private readonly listeners = new Set<BusListener<E>>();

  emit<K extends EventName<E>>(name: K, payload: EventPayload<E, K>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // One broken transport must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: BusListener<E>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
