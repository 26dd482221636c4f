import { z } from 'zod';
import { UserId } from './ids';

export const Handle = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.string().regex(/^[a-z0-9_]{3,30}$/, 'A handle is 3 to 30 letters, digits or underscores'));

export const Password = z.string().min(8, 'A password has at least 8 characters').max(200, 'A password has at most 200 characters');

export const DisplayName = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'A display name cannot be empty').max(60, 'A display name has at most 60 characters'));

/** `cookie` (the web app): the session travels in an HttpOnly cookie and the answer's `token` is empty; `token` (default, the studio): a bearer token. */
export const SessionKind = z.enum(['token', 'cookie']);

export const RegisterRequest = z.object({ handle: Handle, password: Password, displayName: DisplayName, session: SessionKind.optional() });
export type RegisterRequest = z.input<typeof RegisterRequest>;

export const LoginRequest = z.object({ handle: Handle, password: z.string().min(1).max(200), session: SessionKind.optional() });
export type LoginRequest = z.input<typeof LoginRequest>;

export const User = z.object({
  id: UserId,
  handle: z.string(),
  displayName: z.string(),
  createdAt: z.number().int(),
});
export type User = z.output<typeof User>;

/** The bearer token is opaque; `expiresAt` lets the studio ask for a sign-in before it fails. */
export const AuthResponse = z.object({ user: User, token: z.string(), expiresAt: z.number().int() });
export type AuthResponse = z.output<typeof AuthResponse>;

export const MeResponse = z.object({ user: User });
export type MeResponse = z.output<typeof MeResponse>;
