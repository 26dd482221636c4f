/**
 * Errors cross the boundary as values (Signal Desktop's wrapResult). The studio's own codes; the
 * platform's HTTP error codes are `ErrorCode` in shared/protocol/errors.ts, mapped onto these where
 * a platform refusal reaches a page (sync/platform-failure.ts).
 */
export const STUDIO_ERROR_CODES = ['invalid_input', 'unknown_channel', 'not_found', 'unsupported', 'unsupported_media', 'conflict', 'io_error', 'unavailable', 'unauthorized', 'internal'] as const;
export type StudioErrorCode = (typeof STUDIO_ERROR_CODES)[number];

export interface StudioError {
  readonly code: StudioErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StudioError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: StudioErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** Thrown by a handler to choose the error code a caller sees; anything else becomes `internal`. */
export class StudioFailure extends Error {
  constructor(
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StudioFailure';
  }
}

/** Unwraps a result, throwing the error as a StudioFailure (for UI code that shows it). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new StudioFailure(result.error.code, result.error.message);
}
