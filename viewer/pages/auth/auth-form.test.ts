import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../client/api';
import { failureToFieldError, validateAuth } from './auth-form';

describe('sign-in and sign-up form', () => {
  it('puts each problem at its field, with the platform schemas’ rules', () => {
    expect(validateAuth('sign-up', { handle: 'a', password: 'short', displayName: ' ' })).toEqual([
      { field: 'handle', key: 'handleFormat' },
      { field: 'password', key: 'passwordShort' },
      { field: 'displayName', key: 'displayNameEmpty' },
    ]);
    expect(validateAuth('sign-up', { handle: 'Vi_Viewer', password: 'long enough', displayName: 'Vi' })).toEqual([]);
    expect(validateAuth('sign-up', { handle: 'vi_viewer', password: 'x'.repeat(201), displayName: 'x'.repeat(61) })).toEqual([
      { field: 'password', key: 'passwordLong' },
      { field: 'displayName', key: 'displayNameLong' },
    ]);
    expect(validateAuth('sign-in', { handle: 'vi_viewer', password: '', displayName: '' })).toEqual([{ field: 'password', key: 'passwordEmpty' }]);
  });

  it('turns the platform’s refusals into sentences at a field, never a raw code', () => {
    expect(failureToFieldError(new ApiFailure(409, 'handle_taken', 'x'))).toEqual({ field: 'handle', key: 'handleTaken' });
    expect(failureToFieldError(new ApiFailure(401, 'invalid_credentials', 'x'))).toEqual({ field: 'password', key: 'wrongCredentials' });
    expect(failureToFieldError(new ApiFailure(429, 'rate_limited', 'x'))).toEqual({ field: 'form', key: 'tooMany' });
    expect(failureToFieldError(new ApiFailure(0, 'network', 'offline'))).toEqual({ field: 'form', key: 'other', message: 'offline' });
  });
});
