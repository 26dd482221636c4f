/**
 * Errors cross the boundary as values (Signal Desktop's wrapResult). The studio's own codes; the
 * platform's HTTP error codes are `ErrorCode` in shared/protocol/errors.ts, mapped onto these where
 * a platform refusal reaches a page (sync/platform-failure.ts).
 */
import { failureNote, type FailureNote, type FailureText } from './failure-text';

export const STUDIO_ERROR_CODES = ['invalid_input', 'unknown_channel', 'not_found', 'unsupported', 'unsupported_media', 'conflict', 'io_error', 'unavailable', 'unauthorized', 'internal'] as const;
export type StudioErrorCode = (typeof STUDIO_ERROR_CODES)[number];

/**
 * `message` is English: for logs, and what a renderer shows when it has no translation of `key`, the
 * sentence as a key of shared/ipc/failure-catalog.ts, which the renderer translates with `params`.
 */
export interface StudioError extends FailureNote {
  readonly code: StudioErrorCode;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StudioError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: StudioErrorCode, message: string | FailureText): Result<never> => ({ ok: false, error: errorOf(code, message) });

/** The envelope's error: a plain message as it is; a keyed one with its English sentence beside the key. */
function errorOf(code: StudioErrorCode, message: string | FailureText): StudioError {
  return { code, ...failureNote(message) };
}

/**
 * Thrown by a handler to choose the error code a caller sees; anything else becomes `internal`.
 * Give the sentence as a key of the failure catalog (`{ key: 'drafts.gone' }`) so the renderer can
 * say it in the user's language; a plain English string still works and is shown as it is.
 */
export class StudioFailure extends Error {
  readonly key: string | undefined;
  readonly params: Readonly<Record<string, string | number>> | undefined;
  constructor(
    readonly code: StudioErrorCode,
    message: string | FailureText,
  ) {
    const error = errorOf(code, message);
    super(error.message);
    this.name = 'StudioFailure';
    this.key = error.key;
    this.params = error.params;
  }

  /** The envelope's error, key and params included. */
  toError(): StudioError {
    return this.key === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, key: this.key, ...(this.params ? { params: this.params } : {}) };
  }

  /** A failure rebuilt from an envelope's error, keeping its key (for UI code that rethrows it). */
  static of(error: StudioError): StudioFailure {
    const failure = new StudioFailure(error.code, error.message);
    Object.assign(failure, { key: error.key, params: error.params });
    return failure;
  }
}

/** Unwraps a result, throwing the error as a StudioFailure (for UI code that shows it). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw StudioFailure.of(result.error);
}
