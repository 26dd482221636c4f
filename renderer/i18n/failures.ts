import type { FailureNote } from '@shared/ipc/failure-text';
import type { StudioError } from '@shared/ipc/result';
import { i18n } from './i18n';

/**
 * What a person reads for a refusal from main: a keyed failure (shared/ipc/failure-catalog.ts) in
 * the interface language, main's English sentence when this build has no text for the key, and a
 * plain (unkeyed) message as main wrote it. Also for notes kept to be shown later (a post's last error).
 */
export function failureMessage(error: StudioError | FailureNote): string {
  if (!error.key) return error.message;
  // The params first: a value can never replace the fallback (or be read as an i18next option after it).
  return i18n.t(`failures.${error.key}` as 'failures', { ...error.params, defaultValue: error.message }) as unknown as string;
}

/** The same error with its message in the interface language (key and params kept, so it can be said again). */
export const localizedError = (error: StudioError): StudioError => (error.key ? { ...error, message: failureMessage(error) } : error);
