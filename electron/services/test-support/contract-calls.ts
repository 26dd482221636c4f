import type { Result } from '../../../shared/ipc/result';
import type { StudioServices } from '../studio-services';

/** Calls the contract as the renderer does (validated input, result envelope); throws on an error envelope. */
export async function call<T>(services: StudioServices, channel: string, input?: unknown): Promise<T> {
  const result = (await services.dispatch(channel, input)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
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
