import type { EventEnvelope } from '@shared/protocol/events';

const texts = new WeakMap<EventEnvelope, string>();

/**
 * An event's text on the wire, made once however many sockets it goes to (the hub hands every
 * subscriber the same envelope object, so a room notice to 2,000 viewers is serialised once). Always
 * `{"id":…,"topic":…,"type":…,"data":…,"at":…}` in that order, whatever the object's key order: a
 * client may read the id from the first bytes (the gifts bench's viewer sockets do).
 */
export function eventText(event: EventEnvelope): string {
  let text = texts.get(event);
  if (text === undefined) {
    // A literal of a fixed shape, stringified once: cheaper than building the text piece by piece.
    text = JSON.stringify({ id: event.id, topic: event.topic, type: event.type, data: event.data, at: event.at });
    texts.set(event, text);
  }
  return text;
}
