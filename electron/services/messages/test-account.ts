import type { AuthResponse } from '@shared/protocol/auth';
import type { AccountState } from '../sync/account-client';
import type { MessagesAccount } from './messages-service';

/** The studio's signed-in account, as PlatformAccountClient shows it to the messages service (tests). */
export function accountOf(auth: AuthResponse): MessagesAccount & { signOut(): void } {
  const listeners = new Set<(s: AccountState) => void>();
  let state: AccountState = { signedIn: true, user: auth.user, expiresAt: auth.expiresAt };
  return {
    token: () => (state.signedIn ? auth.token : null),
    state: () => state,
    onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    signOut() {
      state = { signedIn: false, reason: null };
      for (const l of listeners) l(state);
    },
  };
}

/** A viewer on the platform, over plain HTTP as the viewer app would: opens the conversation with `withHandle`. */
export async function openAsViewer(platformUrl: string, token: string, withHandle: string): Promise<string> {
  const res = await fetch(new URL('/api/v1/conversations', platformUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ withHandle }),
  });
  if (res.status !== 200) throw new Error(`open conversation: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A viewer sends a message over plain HTTP. */
export async function sendAsViewer(platformUrl: string, token: string, conversationId: string, text: string, key: string): Promise<void> {
  const res = await fetch(new URL(`/api/v1/conversations/${conversationId}/messages`, platformUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, idempotencyKey: key }),
  });
  if (res.status !== 201) throw new Error(`send: ${res.status} ${await res.text()}`);
}
