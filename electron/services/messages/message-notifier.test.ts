import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConversationId, Message } from '@shared/protocol/messages';
import { createTestPlatform, type TestPlatform } from '@platform/test-support/harness';
import { createMemoryLogger } from '../logger';
import { MessageNotifier, NOTIFICATION_BODY_MAX, showsConversation, type DesktopNotification } from './message-notifier';
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

/**
 * The main side of desktop notifications as the desktop app wires it: MessagesService follows the
 * account's topic on a real platform's events socket, its `messages.arrived` feeds MessageNotifier,
 * and a recording DesktopNotifier stands where Electron's `Notification` is.
 */
test('a message from someone else → one notification with the sender and text; none for own messages or while that dialog is focused', async () => {
  const maker = await platform.register('notemaker');
  const viewer = await platform.register('notezoe');
  const shown: Array<DesktopNotification & { click: () => void }> = [];
  const opened: ConversationId[] = [];
  let onScreen: ConversationId | null = null;
  let service: MessagesService | null = null;
  const notifier = new MessageNotifier({
    desktop: { show: (n, onClick) => shown.push({ ...n, click: onClick }) },
    conversations: async () => (await service!.conversations()).conversations,
    isShowing: (id) => id === onScreen,
    open: (id) => opened.push(id),
    logger: createMemoryLogger(),
  });
  const arrivedIds: string[] = [];
  const unread: number[] = [];
  service = new MessagesService({
    platformUrl: url,
    account: accountOf(maker),
    ready: Promise.resolve(),
    onArrived: (event) => {
      arrivedIds.push(event.message.id);
      void notifier.arrived(event);
    },
    onUnread: (n) => unread.push(n),
    logger: createMemoryLogger(),
  });
  service.start();
  try {
    await expect.poll(() => unread.at(-1), { timeout: 10_000 }).toBe(0);
    const conversation = (await openAsViewer(url, viewer.token, 'notemaker')) as ConversationId;

    await sendAsViewer(url, viewer.token, conversation, 'Hi! Is the berry shade back?', 'note-0001');
    await expect.poll(() => shown.length, { timeout: 10_000 }).toBe(1);
    // The sender's name and handle from the platform (the harness registers display name = handle).
    expect(shown[0]).toMatchObject({ title: 'notezoe (@notezoe)', body: 'Hi! Is the berry shade back?' });
    shown[0]!.click();
    expect(opened).toEqual([conversation]);

    // The studio's own reply comes back over the socket as `mine`: no notification.
    await service.send(conversation, 'Yes, since Monday.', 'note-reply-0001');
    await expect.poll(() => arrivedIds.length, { timeout: 10_000 }).toBe(2);

    // While that dialog is focused its messages are being read: none.
    onScreen = conversation;
    await sendAsViewer(url, viewer.token, conversation, 'Great, ordering now', 'note-0002');
    await expect.poll(() => arrivedIds.length, { timeout: 10_000 }).toBe(3);

    // Elsewhere again: a long message is announced, cut to a glimpse.
    onScreen = null;
    const long = 'x'.repeat(NOTIFICATION_BODY_MAX + 50);
    await sendAsViewer(url, viewer.token, conversation, long, 'note-0003');
    await expect.poll(() => shown.length, { timeout: 10_000 }).toBe(2);
    expect(shown[1]!.body).toHaveLength(NOTIFICATION_BODY_MAX);
    expect(shown[1]!.body.endsWith('…')).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(shown).toHaveLength(2);
  } finally {
    service.close();
  }
});

test('the same message delivered twice (a replay after a reconnect) is announced once; an unknown sender still shows the text', async () => {
  const shown: DesktopNotification[] = [];
  let asked = 0;
  const notifier = new MessageNotifier({
    desktop: { show: (n) => shown.push(n) },
    conversations: async () => {
      asked += 1;
      throw new Error('platform unreachable');
    },
    isShowing: () => false,
    open: () => undefined,
    logger: createMemoryLogger(),
  });
  const message: Message = {
    id: 'msg_1' as Message['id'],
    conversationId: 'cnv_1' as ConversationId,
    kind: 'text',
    senderId: 'usr_2' as Message['senderId'],
    text: 'Hello',
    textKey: null,
    actions: [],
    at: 1,
  };
  await notifier.arrived({ conversationId: message.conversationId, message, mine: false });
  await notifier.arrived({ conversationId: message.conversationId, message, mine: false });
  expect(shown).toEqual([{ title: 'Anchor Studio', body: 'Hello' }]);
  expect(asked).toBe(1);
});

test('a platform update (system message) is said in the interface language; the English text when it has no key', async () => {
  const shown: DesktopNotification[] = [];
  let language: 'en' | 'zh-CN' = 'zh-CN';
  const notifier = new MessageNotifier({
    desktop: { show: (n) => shown.push(n) },
    conversations: async () => [],
    isShowing: () => false,
    open: () => undefined,
    language: async () => language,
    logger: createMemoryLogger(),
  });
  const update = (id: string, textKey: Message['textKey']): Message => ({
    id: id as Message['id'],
    conversationId: 'cnv_1' as ConversationId,
    kind: 'system',
    senderId: 'usr_2' as Message['senderId'],
    text: 'Request cancelled: Cancelled by the requester (changed plans)',
    textKey,
    actions: [],
    at: 1,
  });
  const cancelled = { key: 'orderCancelledWithText', params: { reason: 'cancelled_by_requester', text: 'changed plans' } } as const;
  await notifier.arrived({ conversationId: 'cnv_1' as ConversationId, message: update('msg_1', cancelled), mine: false });
  await notifier.arrived({ conversationId: 'cnv_1' as ConversationId, message: update('msg_2', null), mine: false });
  language = 'en';
  await notifier.arrived({ conversationId: 'cnv_1' as ConversationId, message: update('msg_3', cancelled), mine: false });
  expect(shown.map((n) => n.body)).toEqual([
    '申请已取消：申请人已取消（changed plans）',
    'Request cancelled: Cancelled by the requester (changed plans)',
    'Request cancelled: Cancelled by the requester (changed plans)',
  ]);
});

test('showsConversation reads the studio page’s /messages/<id> route', () => {
  const id = 'cnv_abc' as ConversationId;
  expect(showsConversation('app://studio/messages/cnv_abc', id)).toBe(true);
  expect(showsConversation('http://127.0.0.1:4780/messages/cnv_abc?x=1', id)).toBe(true);
  expect(showsConversation('app://studio/messages', id)).toBe(false);
  expect(showsConversation('app://studio/messages/cnv_abcd', id)).toBe(false);
  expect(showsConversation('app://studio/drafts/cnv_abc', id)).toBe(false);
  expect(showsConversation('not a url', id)).toBe(false);
});
