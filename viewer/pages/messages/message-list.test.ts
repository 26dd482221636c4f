import { describe, expect, it } from 'vitest';
import type { Message } from '@shared/protocol/messages';
import { guideActionPath, notificationPath } from './guide-actions';
import { mergeMessages } from './message-list';

const message = (id: string, at: number, text = id): Message => ({ id, conversationId: 'cnv_0000000000', kind: 'text', senderId: 'usr_1', text, actions: [], at }) as unknown as Message;

describe('a conversation on screen', () => {
  it('shows each message once, oldest first, whether it came from a page, the send answer or a live event', () => {
    const page = [message('msg_c', 3), message('msg_b', 2), message('msg_a', 1)];
    const shown = mergeMessages([], page);
    expect(shown.map((m) => m.id)).toEqual(['msg_a', 'msg_b', 'msg_c']);
    const sent = message('msg_d', 4);
    expect(mergeMessages(mergeMessages(shown, [sent]), [sent]).map((m) => m.id)).toEqual(['msg_a', 'msg_b', 'msg_c', 'msg_d']);
    expect(mergeMessages([message('msg_y', 5)], [message('msg_x', 5)]).map((m) => m.id)).toEqual(['msg_x', 'msg_y']);
  });

  it('sends guide items and notifications to the page of their kind, or nowhere while it does not exist', () => {
    expect(guideActionPath({ kind: 'video', id: 'vid_1' })).toBe('/v/vid_1');
    expect(guideActionPath({ kind: 'order', id: 'ord_1' })).toBe('/orders/ord_1');
    expect(notificationPath({ kind: 'conversation', id: 'cnv_1' })).toBe('/messages/cnv_1');
    expect(notificationPath({ kind: 'user', id: 'ana' })).toBe('/@ana');
    expect(notificationPath({ kind: 'room', id: 'room_1' })).toBeNull();
  });
});
