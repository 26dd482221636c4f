import { FAILURE_TEXT } from '@shared/ipc/failure-catalog';
import type { FailureText } from '@shared/ipc/failure-text';
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

type TranslatedCode = keyof typeof FAILURE_TEXT.platform.codes;
const isTranslated = (code: string): code is TranslatedCode => Object.prototype.hasOwnProperty.call(FAILURE_TEXT.platform.codes, code);

/**
 * A platform refusal or silence as a studio error the page can show. A platform code with one
 * meaning (handle taken, room closed…) becomes a sentence the studio translates; any other keeps
 * the platform's own (English) message, which says more than a generic sentence could.
 */
export function asFailure(error: unknown): unknown {
  if (error instanceof StudioFailure) return error;
  if (error instanceof PlatformUnreachableError) return new StudioFailure('unavailable', { key: 'platform.offline' });
  if (error instanceof PlatformError) {
    const code = CODE_OF_STATUS[error.status] ?? (error.status >= 500 ? 'unavailable' : 'internal');
    return new StudioFailure(code, isTranslated(error.code) ? ({ key: `platform.codes.${error.code}` } as FailureText) : error.message);
  }
  return error;
}
