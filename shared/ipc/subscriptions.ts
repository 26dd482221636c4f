import { z } from 'zod';
import type { EventSpec } from './define';

/**
 * Events go only where they were asked for (VS Code's `listen(event, arg)`): a page subscribes to
 * an event name, optionally with the event's subscription argument, and the host sends that
 * connection only what matches. Both transports use these two halves: `EventRouter` in main,
 * `EventSubscriber` in the page (preload or WebSocket client).
 */

export const SubscribeMessage = z.object({ t: z.literal('sub'), sub: z.number().int().nonnegative(), name: z.string().max(100), arg: z.unknown().optional() });
export type SubscribeMessage = z.output<typeof SubscribeMessage>;
export const UnsubscribeMessage = z.object({ t: z.literal('unsub'), sub: z.number().int().nonnegative() });
export type UnsubscribeMessage = z.output<typeof UnsubscribeMessage>;
/** What a host pushes: the event once per connection, with the subscriptions it is for. */
export const DeliveryMessage = z.object({ name: z.string(), payload: z.unknown().optional(), subs: z.array(z.number().int().nonnegative()) });
export type DeliveryMessage = z.output<typeof DeliveryMessage>;

/** Most subscriptions one connection may hold: a page has a dozen; a runaway loop is stopped. */
export const SUBSCRIPTIONS_MAX = 500;

type Specs = Readonly<Record<string, EventSpec>>;
interface Held {
  readonly name: string;
  readonly arg: unknown;
}

/** Main side: which connection (a socket, a window) holds which subscriptions. */
export class EventRouter<C> {
  private readonly connections = new Map<C, Map<number, Held>>();

  constructor(private readonly specs: Specs) {}

  /** Validates the name and argument; returns why a subscription is refused, or null. */
  subscribe(connection: C, message: SubscribeMessage): string | null {
    const spec = Object.hasOwn(this.specs, message.name) ? this.specs[message.name] : undefined;
    if (!spec) return `There is no event "${message.name.slice(0, 60)}".`;
    let arg: unknown;
    if (message.arg !== undefined) {
      if (!spec.arg) return `${message.name} takes no subscription argument.`;
      const parsed = spec.arg.safeParse(message.arg);
      if (!parsed.success) return `${message.name}: ${z.prettifyError(parsed.error)}`;
      arg = parsed.data;
    }
    const held = this.connections.get(connection) ?? new Map<number, Held>();
    if (held.size >= SUBSCRIPTIONS_MAX && !held.has(message.sub)) return 'Too many subscriptions.';
    held.set(message.sub, { name: message.name, arg });
    this.connections.set(connection, held);
    return null;
  }

  unsubscribe(connection: C, sub: number): void {
    this.connections.get(connection)?.delete(sub);
  }

  drop(connection: C): void {
    this.connections.delete(connection);
  }

  /** Each connection that asked for this event, with the subscriptions whose filter lets it through. */
  route(name: string, payload: unknown): [C, DeliveryMessage][] {
    const spec = this.specs[name];
    const out: [C, DeliveryMessage][] = [];
    for (const [connection, held] of this.connections) {
      const subs: number[] = [];
      for (const [sub, h] of held) {
        if (h.name !== name) continue;
        if (h.arg !== undefined && spec?.matches && !spec.matches(h.arg as never, payload as never)) continue;
        subs.push(sub);
      }
      if (subs.length > 0) out.push([connection, { name, payload, subs }]);
    }
    return out;
  }
}

/** Page side: listeners by subscription id; the transport sends what it returns and delivers what arrives. */
export class EventSubscriber {
  private nextSub = 1;
  private readonly held = new Map<number, { readonly name: string; readonly arg: unknown; readonly listener: (payload: unknown) => void }>();

  constructor(
    private readonly payloads: Readonly<Record<string, z.ZodType>>,
    private readonly send: (message: SubscribeMessage | UnsubscribeMessage) => void,
  ) {}

  on(name: string, listener: (payload: unknown) => void, arg?: unknown): () => void {
    if (!Object.hasOwn(this.payloads, name)) throw new Error(`Unknown studio event "${String(name).slice(0, 60)}"`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const sub = this.nextSub++;
    this.held.set(sub, { name, arg, listener });
    this.send({ t: 'sub', sub, name, ...(arg !== undefined ? { arg } : {}) });
    return () => {
      if (this.held.delete(sub)) this.send({ t: 'unsub', sub });
    };
  }

  /** After a reconnect the host has forgotten this page: ask again for everything still listened to. */
  resubscribeAll(): void {
    for (const [sub, h] of this.held) this.send({ t: 'sub', sub, name: h.name, ...(h.arg !== undefined ? { arg: h.arg } : {}) });
  }

  deliver(message: unknown): void {
    const parsed = DeliveryMessage.safeParse(message);
    if (!parsed.success) return;
    const schema = Object.hasOwn(this.payloads, parsed.data.name) ? this.payloads[parsed.data.name] : undefined;
    const checked = schema?.safeParse(parsed.data.payload);
    if (!checked?.success) return;
    for (const sub of parsed.data.subs) {
      const h = this.held.get(sub);
      if (h && h.name === parsed.data.name) h.listener(checked.data);
    }
  }
}
