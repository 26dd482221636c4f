import type { FastifyInstance } from 'fastify';
import { EVENTS_PATH } from '../shared/protocol/index';
import type { EventsHub } from './events-hub';

/** Public activity pushed live (new public videos, anchor triggers) so Discover updates without polling. */
export function eventsRoutes(app: FastifyInstance, events: EventsHub): void {
  app.get(EVENTS_PATH, { websocket: true, schema: { hide: true } }, (socket) => {
    const unsubscribe = events.subscribe((event) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
  });
}
