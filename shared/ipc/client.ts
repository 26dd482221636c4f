import type { z } from 'zod';
import type { StudioEventSpecs } from './contract';
import type { ClientOf, ContractSpec, EventListener, EventName, EventsSpec } from './define';
import type { Result } from './result';

export type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;

/** Builds the typed client object (`client.drafts.list()`) over any transport's invoke function. */
export function createClient<C extends ContractSpec>(contract: C, invoke: Invoke): ClientOf<C> {
  const client: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const noun of Object.keys(contract)) {
    const group: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
    for (const verb of Object.keys(contract[noun] ?? {})) {
      const channel = `${noun}.${verb}`;
      group[verb] = (input?: unknown) => invoke(channel, input);
    }
    client[noun] = Object.freeze(group);
  }
  return Object.freeze(client) as unknown as ClientOf<C>;
}

/**
 * Subscribes to a pushed event, optionally with its subscription argument (e.g. `{ draftId }` for
 * one draft's export progress; see the noun's `eventFor`); returns the unsubscribe function. The
 * host sends a page only the events it subscribed to.
 */
export type Subscribe<E extends EventsSpec> = <K extends EventName<E>>(name: K, listener: EventListener<E, K>, arg?: SubscriptionArg<K>) => () => void;

/** The subscription argument of an event, from the contract (undefined for events without one). */
export type SubscriptionArg<K> = K extends keyof StudioEventSpecs ? (NonNullable<StudioEventSpecs[K]['arg']> extends z.ZodType ? z.input<NonNullable<StudioEventSpecs[K]['arg']>> : never) : never;
