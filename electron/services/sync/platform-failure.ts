import { StudioFailure, type StudioErrorCode } from '@shared/ipc/result';
import { PlatformError, PlatformUnreachableError } from './platform-http';

const CODE_OF_STATUS: Readonly<Record<number, StudioErrorCode>> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid_input',
  415: 'unsupported_media',
  422: 'unsupported_media',
  429: 'unavailable',
};

/** A platform refusal or silence as a studio error whose message the page can show as it is. */
export function asFailure(error: unknown): unknown {
  if (error instanceof StudioFailure) return error;
  if (error instanceof PlatformUnreachableError) return new StudioFailure('unavailable', 'The platform is offline: it did not answer. Try again when it is back.');
  if (error instanceof PlatformError) {
    return new StudioFailure(CODE_OF_STATUS[error.status] ?? (error.status >= 500 ? 'unavailable' : 'internal'), error.message);
  }
  return error;
}
