import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MessageArrived } from '@shared/ipc/nouns/messages';
import type { AuthResponse } from '@shared/protocol/auth';
import { createTestPlatform, type TestPlatform } from '@platform/test-support/harness';
import { createMemoryLogger } from '../logger';
import type { AccountState } from '../sync/account-client';
import { MessagesService, type MessagesAccount } from './messages-service';

let platform: TestPlatform;
let url: string;
beforeAll(async () => {
  platform = await createTestPlatform();
  url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await platform.close();
  rmSync(platform.dataDir, { recursive: true, force: true });
});

/** The studio's signed-in account, as PlatformAccountClient shows it to the service. */
function accountOf(auth: AuthResponse): MessagesAccount & { signOut(): void } {
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

/** A viewer on the platform, over plain HTTP as the viewer app would. */
async function viewerSends(token: string, conversationId: string, text: string, key: string): Promise<void> {
  const res = await fetch(new URL(`/api/v1/conversations/${conversationId}/messages`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, idempotencyKey: key }),
  });
  expect(res.status).toBe(201);
}

test('a viewer’s message arrives live with the unread total; a reply and a read go through the platform', async () => {
  const maker = await platform.register('studiomaker');
  const viewer = await platform.register('viewerzoe');
  const account = accountOf(maker);
  const arrived: MessageArrived[] = [];
  const unread: number[] = [];
  const service = new MessagesService({ platformUrl: url, account, ready: Promise.resolve(), onArrived: (e) => arrived.push(e), onUnread: (n) => unread.push(n), logger: createMemoryLogger() });
  service.start();
  try {
    // Connected and subscribed to user:<maker>: the first unread total is asked for on connecting.
    await expect.poll(() => unread.at(-1), { timeout: 10_000 }).toBe(0);
    const opened = await fetch(new URL('/api/v1/conversations', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${viewer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ withHandle: 'studiomaker' }),
    });
    const conversation = (await opened.json()) as { id: string };
    await viewerSends(viewer.token, conversation.id, 'Hi! Can you do a berry look?', 'viewer-key-0001');

    await expect.poll(() => arrived.length, { timeout: 10_000 }).toBe(1);
    expect(arrived[0]).toMatchObject({ conversationId: conversation.id, mine: false, message: { text: 'Hi! Can you do a berry look?', kind: 'text' } });
    await expect.poll(() => unread.at(-1)).toBe(1);

    const list = await service.conversations();
    expect(list.conversations).toEqual([expect.objectContaining({ id: conversation.id, unreadCount: 1, with: expect.objectContaining({ handle: 'viewerzoe' }) })]);
    const reply = await service.send(conversation.id, 'Sure, tonight.', 'studio-key-0001');
    // The same key again is the same message (a retry after a lost answer).
    expect((await service.send(conversation.id, 'Sure, tonight.', 'studio-key-0001')).id).toBe(reply.id);
    await expect
      .poll(() => arrived.map((a) => [a.message.text, a.mine]))
      .toEqual([
        ['Hi! Can you do a berry look?', false],
        ['Sure, tonight.', true],
      ]);
    expect((await service.read(conversation.id, arrived[0]!.message.id)).unreadCount).toBe(0);
    await expect.poll(() => unread.at(-1)).toBe(0);
    const history = await service.history(conversation.id);
    expect(history.messages.map((m) => m.text)).toEqual(['Sure, tonight.', 'Hi! Can you do a berry look?']);

    // Signed out: no socket, and the page is told to sign in rather than shown a raw 401.
    account.signOut();
    await expect(service.conversations()).rejects.toMatchObject({ code: 'unauthorized' });
    await viewerSends(viewer.token, conversation.id, 'Still there?', 'viewer-key-0002');
    await new Promise((r) => setTimeout(r, 500));
    expect(arrived).toHaveLength(2);
  } finally {
    service.close();
  }
});
