import type { EventEnvelope } from '@shared/protocol/events';

/** The data's JSON as the log stores it, for envelopes built from the log's own text (EventLog). */
const storedData = new WeakMap<EventEnvelope, string>();
const texts = new WeakMap<EventEnvelope, string>();

/**
 * An envelope whose `data` is the stored JSON `dataText`, parsed only when someone reads `data`: the
 * sockets write the stored text as it is (eventText), and most events (a room's notices) are never
 * read as objects on the platform. `data` is still an ordinary enumerable property to its readers.
 */
export function fromStoredText(id: number, topic: string, type: string, dataText: string, at: number): EventEnvelope {
  let data: Record<string, unknown> | undefined;
  const envelope = { id, topic, type, at } as EventEnvelope;
  Object.defineProperty(envelope, 'data', { enumerable: true, get: () => (data ??= JSON.parse(dataText) as Record<string, unknown>) });
  storedData.set(envelope, dataText);
  return envelope;
}

/**
 * An event's text on the wire, made once however many sockets it goes to (the hub hands every
 * subscriber the same envelope object, so a room notice to 2,000 viewers is serialised once). Always
 * `{"id":…,"topic":…,"type":…,"data":…,"at":…}` in that order, whatever the object's key order: a
 * client may read the id from the first bytes (the gifts bench's viewer sockets do).
 */
export function eventText(event: EventEnvelope): string {
  let text = texts.get(event);
  if (text === undefined) {
    const data = storedData.get(event) ?? JSON.stringify(event.data);
    text = `{"id":${JSON.stringify(event.id)},"topic":${JSON.stringify(event.topic)},"type":${JSON.stringify(event.type)},"data":${data},"at":${JSON.stringify(event.at)}}`;
    texts.set(event, text);
  }
  return text;
}
