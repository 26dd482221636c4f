import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MessageArrived } from '@shared/ipc/nouns/messages';
import { createTestPlatform, type TestPlatform } from '@platform/test-support/harness';
import { createMemoryLogger } from '../logger';
import { MessagesService } from './messages-service';
import { accountOf, openAsViewer, sendAsViewer } from './test-account';

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

const viewerSends = (token: string, conversationId: string, text: string, key: string): Promise<void> => sendAsViewer(url, token, conversationId, text, key);

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
    const conversation = { id: await openAsViewer(url, viewer.token, 'studiomaker') };
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
