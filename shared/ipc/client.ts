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

/** Subscribes to a pushed event; returns the unsubscribe function. */
export type Subscribe<E extends EventsSpec> = <K extends EventName<E>>(name: K, listener: EventListener<E, K>) => () => void;
