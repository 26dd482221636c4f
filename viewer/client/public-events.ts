import { useEffect, useRef } from 'react';
import type { EventEnvelope } from '@shared/protocol/events';
import { LiveEvents } from './live-events';

/**
 * The `public` topic (a creator's service re-published or switched off), followed only while a page
 * that shows it is open: one socket shared by the listeners, closed with the last one.
 */
let live: LiveEvents | null = null;
const listeners = new Set<(event: EventEnvelope) => void>();

export function onPublicEvent(listener: (event: EventEnvelope) => void): () => void {
  listeners.add(listener);
  if (!live) {
    live = new LiveEvents(null, ['public']);
    live.on((event) => {
      for (const l of listeners) l(event);
    });
    live.start();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      live?.stop();
      live = null;
    }
  };
}

/** Calls `listener` with each public event while the component is mounted (the latest listener, without resubscribing). */
export function usePublicEvent(listener: (event: EventEnvelope) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onPublicEvent((event) => latest.current(event)), []);
}
