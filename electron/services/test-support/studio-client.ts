import type { z } from 'zod';
import { contract, type StudioContract } from '@shared/ipc/contract';
import { createClient } from '@shared/ipc/client';
import type { ArgsOf, ContractSpec } from '@shared/ipc/define';
import type { StudioServices } from '../compose';

/** The contract as a test calls it: typed by the contract, each call's value unwrapped. */
export type TestClientOf<C extends ContractSpec> = {
  readonly [N in keyof C]: {
    readonly [M in keyof C[N]]: (...input: ArgsOf<z.input<C[N][M]['input']>>) => Promise<z.output<C[N][M]['output']>>;
  };
};

/**
 * A typed client over the services' dispatch, built from the contract like the renderer's:
 * arguments are validated and results checked exactly as over IPC, and an error envelope throws
 * `channel: code message` so a test shows what went wrong.
 */
export function studioClient(services: Pick<StudioServices, 'dispatch'>): TestClientOf<StudioContract> {
  // createClient hands back whatever invoke resolves to: here the unwrapped value, not the envelope.
  const unwrapping = async (channel: string, input: unknown): Promise<never> => {
    const result = await services.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };
  return createClient(contract, unwrapping) as unknown as TestClientOf<StudioContract>;
}

/** Polls `probe` every 50 ms until it returns something truthy, or fails after `ms`. */
export async function waitFor<T>(probe: () => T | undefined | null | false, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
