import type { Result } from '@shared/ipc/result';
import { localizedError } from '../i18n/failures';
import type { StudioClient } from './studio-client-type';

type Method = (input?: unknown) => Promise<Result<unknown>>;

/**
 * The client with every refusal already in the user's language: main sends a failure's key and
 * params (and its English sentence), and pages show `error.message` as they always did. One place,
 * so no page has to remember to translate.
 */
export function localizedClient(client: StudioClient): StudioClient {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(client)) {
    if (typeof member !== 'object' || member === null) {
      out[name] = member;
      continue;
    }
    const group: Record<string, Method> = {};
    for (const [verb, call] of Object.entries(member as Record<string, Method>)) {
      group[verb] = async (input) => {
        const result = await call(input);
        return result.ok ? result : { ok: false, error: localizedError(result.error) };
      };
    }
    out[name] = Object.freeze(group);
  }
  return Object.freeze(out) as StudioClient;
}
