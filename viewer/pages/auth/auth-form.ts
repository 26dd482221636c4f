import { Handle, Password } from '@shared/protocol/auth';
import { ApiFailure } from '../../client/api';

export type AuthMode = 'sign-in' | 'sign-up';
export type AuthField = 'handle' | 'password' | 'displayName' | 'form';

/** An error key under `auth.errors` (and its interpolation), placed at the field it concerns. */
export interface FieldError {
  readonly field: AuthField;
  readonly key: 'handleFormat' | 'handleTaken' | 'passwordShort' | 'passwordLong' | 'passwordEmpty' | 'displayNameEmpty' | 'displayNameLong' | 'wrongCredentials' | 'tooMany' | 'other';
  readonly message?: string;
}

export interface AuthInput {
  readonly handle: string;
  readonly password: string;
  readonly displayName: string;
}

/** The same rules as the platform's schemas, checked before sending, each error at its field. */
export function validateAuth(mode: AuthMode, input: AuthInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!Handle.safeParse(input.handle).success) errors.push({ field: 'handle', key: 'handleFormat' });
  if (mode === 'sign-in') {
    if (input.password.length === 0) errors.push({ field: 'password', key: 'passwordEmpty' });
  } else {
    if (!Password.safeParse(input.password).success) errors.push({ field: 'password', key: input.password.length < 8 ? 'passwordShort' : 'passwordLong' });
    const name = input.displayName.trim();
    if (name.length === 0) errors.push({ field: 'displayName', key: 'displayNameEmpty' });
    else if (name.length > 60) errors.push({ field: 'displayName', key: 'displayNameLong' });
  }
  return errors;
}

/** What the platform refused, as a sentence at the right field (never the raw code). */
export function failureToFieldError(error: unknown): FieldError {
  if (error instanceof ApiFailure) {
    switch (error.code) {
      case 'handle_taken':
        return { field: 'handle', key: 'handleTaken' };
      case 'invalid_credentials':
        return { field: 'password', key: 'wrongCredentials' };
      case 'rate_limited':
        return { field: 'form', key: 'tooMany' };
      default:
        return { field: 'form', key: 'other', message: error.message };
    }
  }
  return { field: 'form', key: 'other', message: error instanceof Error ? error.message : String(error) };
}
