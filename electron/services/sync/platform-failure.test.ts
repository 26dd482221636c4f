import { describe, expect, it } from 'vitest';
import { StudioFailure } from '@shared/ipc/result';
import { asFailure } from './platform-failure';
import { PlatformError, PlatformUnreachableError } from './platform-http';

const errorOf = (error: unknown) => (asFailure(error) as StudioFailure).toError();

describe('a platform refusal as a studio failure', () => {
  it('turns a code with one meaning into a translatable sentence, with the studio code of its status', () => {
    expect(errorOf(new PlatformError(409, 'handle_taken', 'The handle "ana" is taken'))).toEqual({
      code: 'conflict',
      message: 'This handle is taken. Try another one.',
      key: 'platform.codes.handle_taken',
    });
    expect(errorOf(new PlatformError(507, 'storage_full', 'full'))).toMatchObject({ code: 'unavailable', key: 'platform.codes.storage_full' });
    expect(errorOf(new PlatformError(429, 'rate_limited', 'Too many attempts; try again in 1 minute'))).toMatchObject({ code: 'unavailable', message: expect.stringContaining('Too many attempts') });
  });

  it('keeps the platform’s own message for a code whose meaning depends on the case, or an unknown one', () => {
    expect(errorOf(new PlatformError(409, 'invalid_state', 'Only a pending order can be accepted'))).toEqual({ code: 'conflict', message: 'Only a pending order can be accepted' });
    expect(errorOf(new PlatformError(418, 'teapot', 'I am a teapot'))).toEqual({ code: 'internal', message: 'I am a teapot' });
    // A prototype name is not a table entry.
    expect(errorOf(new PlatformError(400, 'toString', 'odd'))).toEqual({ code: 'invalid_input', message: 'odd' });
  });

  it('says the platform is offline when it does not answer, and leaves other errors alone', () => {
    expect(errorOf(new PlatformUnreachableError('ECONNREFUSED'))).toEqual({
      code: 'unavailable',
      message: 'The platform is offline: it did not answer. Try again when it is back.',
      key: 'platform.offline',
    });
    const own = new StudioFailure('not_found', { key: 'drafts.gone' });
    expect(asFailure(own)).toBe(own);
    const bug = new TypeError('x is undefined');
    expect(asFailure(bug)).toBe(bug);
  });
});
