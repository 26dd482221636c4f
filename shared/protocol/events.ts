import { z } from 'zod';
import { PlatformEvent } from './platform-events';

/**
 * The live events socket (`/api/v1/events`). Every event is a row of the platform's event log:
 * increasing `id`, a `topic` (`public`, `user:<id>`, `room:<id>`, `order:<id>`), a dotted `type`
 * and its `data`. A client authenticates (an `Authorization: Bearer` header, or a first `hello`),
 * subscribes with the last id it saw, and gets what it missed from the log, then live events, each
 * once, in id order.
 */
// `feed` and `sessions` are node-internal (the platform's signed-in feed and session caches): no client may read them.
export const Topic = z.string().regex(/^(public|feed|sessions|(user|room|order):[A-Za-z0-9_-]{1,64})$/, 'not a topic');
export type Topic = z.output<typeof Topic>;

export const EVENTS_MAX_TOPICS = 20;
/** Incoming frames larger than this are refused by the socket itself. */
export const EVENTS_MAX_FRAME_BYTES = 4096;

export const EventEnvelope = z.object({
  id: z.number().int().positive(),
  topic: Topic,
  type: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/, 'an event type is dotted: video.created'),
  data: z.record(z.string(), z.unknown()),
  at: z.number().int(),
});
export type EventEnvelope = z.output<typeof EventEnvelope>;

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string().min(1).max(200) }),
  z.object({
    type: z.literal('subscribe'),
    topics: z.array(Topic).min(1).max(EVENTS_MAX_TOPICS),
    /** The last event id the client has; absent → live events from now on. */
    after: z.number().int().nonnegative().optional(),
  }),
]);
export type ClientMessage = z.output<typeof ClientMessage>;

/** Control messages have no `id`; events always do. */
export const ControlMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), userId: z.string().nullable() }),
  z.object({ type: z.literal('subscribed'), topics: z.array(Topic), after: z.number().int().nonnegative() }),
  /** `after` is older than the log keeps (or from another log): reload state, then subscribe without `after`. */
  z.object({ type: z.literal('resync_required') }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ControlMessage = z.output<typeof ControlMessage>;

export const ServerMessage = z.union([EventEnvelope, ControlMessage]);
export type ServerMessage = z.output<typeof ServerMessage>;

/** The public activity Discover shows, as log data: the event without its type and time. */
export function platformEventData(event: PlatformEvent): Record<string, unknown> {
  const { type: _type, at: _at, ...data } = event;
  return data;
}

/** A logged public event back as the studio's PlatformEvent, or null for a type it does not know. */
export function toPlatformEvent(envelope: EventEnvelope): PlatformEvent | null {
  const parsed = PlatformEvent.safeParse({ ...envelope.data, type: envelope.type, at: envelope.at });
  return parsed.success ? parsed.data : null;
}
