import { useSyncExternalStore } from 'react';
import { routes } from '@shared/protocol/routes';
import type { User } from '@shared/protocol/auth';
import { call, isFailure } from './api';

/**
 * Who is signed in. The session itself is the platform's HttpOnly cookie: this store only knows the
 * user (from `GET /me` at start and from sign-in answers), so a script on the page can never read
 * the credential.
 */
export type SessionState = { readonly status: 'loading' } | { readonly status: 'signed-out' } | { readonly status: 'signed-in'; readonly user: User };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export const sessionState = (): SessionState => state;

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

export async function loadSession(): Promise<void> {
  try {
    const me = await call(routes.me);
    set({ status: 'signed-in', user: me.user });
  } catch (error) {
    // Anything else (the platform unreachable) also leaves the app usable signed out.
    if (!isFailure(error, 'unauthorized', 'token_expired')) console.warn('session check failed', error);
    set({ status: 'signed-out' });
  }
}

/** Asks the platform for a cookie session instead of a bearer token (the studio keeps tokens). */
const COOKIE_SESSION = { session: 'cookie' } as const;

export async function signIn(handle: string, password: string): Promise<User> {
  const answer = await call(routes.login, { body: { handle, password, ...COOKIE_SESSION } });
  set({ status: 'signed-in', user: answer.user });
  return answer.user;
}

export async function signUp(handle: string, password: string, displayName: string): Promise<User> {
  const answer = await call(routes.register, { body: { handle, password, displayName, ...COOKIE_SESSION } });
  set({ status: 'signed-in', user: answer.user });
  return answer.user;
}

export async function signOut(): Promise<void> {
  try {
    await call(routes.logout);
  } finally {
    set({ status: 'signed-out' });
  }
}

/** A call answered 401: the cookie expired or was revoked. */
export function sessionLost(): void {
  if (state.status === 'signed-in') set({ status: 'signed-out' });
}
