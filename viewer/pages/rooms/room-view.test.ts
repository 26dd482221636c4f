import { describe, expect, test } from 'vitest';
import type { MenuEntry, SentGift } from '@shared/protocol/gifts';
import {
  addNotice,
  addSent,
  applyState,
  canSend,
  checkMessage,
  clockAfterEvent,
  clockFromAnswer,
  countdown,
  nextMenuChange,
  noSentGifts,
  platformNow,
  previousMonth,
  reachedSteps,
  sortMenu,
  type Notice,
} from './room-view';

const entry = (id: string, over: Partial<MenuEntry>): MenuEntry => ({ id, name: id, image: '', animation: '', sound: '', coinPrice: 10, diamondValue: 10, item: null, open: true, ...over });
const gift = (id: string, over: Partial<SentGift> = {}): SentGift =>
  ({ id, roomId: 'room_0000000000', giftId: 'egg', name: 'Egg', coinPrice: 6, diamondValue: 6, message: null, state: 'sent', claim: null, sentAt: 1, thanks: null, ...over }) as SentGift;

describe('the platform clock', () => {
  test('a menu answer sets the offset; live events only move it forward', () => {
    const clock = clockFromAnswer(10_000, 4_000);
    expect(platformNow(clock, 5_000)).toBe(11_000);
    // A replayed (old) event does not pull the clock back; a newer one (the platform moved on) does move it.
    expect(clockAfterEvent(clock, 9_000, 5_000)).toBe(clock);
    expect(platformNow(clockAfterEvent(clock, 20_000, 5_000), 5_000)).toBe(20_000);
  });
});

describe('countdowns and the menu', () => {
  test('a countdown is a clock face and stops at zero', () => {
    expect(countdown(30 * 60_000)).toBe('30:00');
    expect(countdown(59_001)).toBe('1:00');
    expect(countdown(3_723_000)).toBe('1:02:03');
    expect(countdown(-5)).toBe('0:00');
  });

  test('the next change is the earliest close or opening; always-open gifts have none', () => {
    const menu = [entry('flowers', {}), entry('egg', { closesAt: 900 }), entry('noodle', { open: false, nextOpensAt: 500 })];
    expect(nextMenuChange(menu)).toBe(500);
    expect(nextMenuChange([entry('flowers', {})])).toBeNull();
  });

  test('open gifts come first, soonest closing first; closed ones by their opening', () => {
    const menu = [entry('hotpot', { open: false, nextOpensAt: 900 }), entry('flowers', { coinPrice: 36 }), entry('egg', { closesAt: 100 }), entry('noodle', { open: false, nextOpensAt: 300 })];
    expect(sortMenu(menu).map((g) => g.id)).toEqual(['egg', 'flowers', 'noodle', 'hotpot']);
  });

  test('a free gift can be sent only while some of today’s allowance is left', () => {
    expect(canSend(entry('heart', { coinPrice: 0, freeLeftToday: 1 }))).toBe(true);
    expect(canSend(entry('heart', { coinPrice: 0, freeLeftToday: 0 }))).toBe(false);
    expect(canSend(entry('egg', { open: false, nextOpensAt: 5 }))).toBe(false);
  });

  test('a message is optional and at most 140 characters, counted as the platform counts', () => {
    expect(checkMessage('  ')).toEqual({ ok: true, message: undefined });
    expect(checkMessage(' Enjoy! ')).toEqual({ ok: true, message: 'Enjoy!' });
    expect(checkMessage('早'.repeat(140))).toEqual({ ok: true, message: '早'.repeat(140) });
    expect(checkMessage('😀'.repeat(141))).toEqual({ ok: false, length: 141 });
  });
});

describe('the sender’s gifts', () => {
  test('states only move forward and thanks stay', () => {
    let list = addSent(noSentGifts, gift('gft_aaaaaaaaaa'));
    list = applyState(list, { giftId: 'gft_aaaaaaaaaa', state: 'seen' });
    list = applyState(list, { giftId: 'gft_aaaaaaaaaa', state: 'delivered' });
    expect(list.gifts[0]!.state).toBe('seen');
    const thanks = { text: 'Thank you!', mediaUploadId: null, at: 5, media: null };
    list = applyState(list, { giftId: 'gft_aaaaaaaaaa', state: 'thanked', thanks });
    expect(list.gifts[0]).toMatchObject({ state: 'thanked', thanks });
    expect([...reachedSteps(list.gifts[0]!)]).toEqual(['sent', 'delivered', 'seen', 'thanked']);
    list = applyState(list, { giftId: 'gft_aaaaaaaaaa', state: 'unlocked', thanks: null });
    expect(list.gifts[0]).toMatchObject({ state: 'thanked', thanks });
    // Unlocked after the thanks: the state stays `thanked` (as the platform reports it) and the claim shows.
    expect(reachedSteps(list.gifts[0]!)).toEqual(new Set(['sent', 'delivered', 'seen', 'claimed', 'thanked']));
  });

  test('a state that arrives before the send’s answer is applied when the answer comes', () => {
    let list = applyState(noSentGifts, { giftId: 'gft_bbbbbbbbbb', state: 'sent' });
    list = applyState(list, { giftId: 'gft_bbbbbbbbbb', state: 'delivered' });
    list = applyState(list, { giftId: 'gft_bbbbbbbbbb', state: 'sent' });
    expect(list.gifts).toEqual([]);
    list = addSent(list, gift('gft_bbbbbbbbbb'));
    expect(list.gifts.map((g) => g.state)).toEqual(['delivered']);
    expect(list.early.size).toBe(0);
    // A claim and thanks that both came early: the further state, the thanks and the claim all stay.
    const thanks = { text: 'Thanks!', mediaUploadId: null, at: 9, media: null };
    let early = applyState(noSentGifts, { giftId: 'gft_dddddddddd', state: 'converted' });
    early = applyState(early, { giftId: 'gft_dddddddddd', state: 'thanked', thanks });
    early = addSent(early, gift('gft_dddddddddd'));
    expect(early.gifts[0]).toMatchObject({ state: 'thanked', thanks, claim: 'converted' });
    // The same answer again (an idempotent replay) keeps the gift once, at its state.
    list = addSent(list, gift('gft_bbbbbbbbbb'));
    expect(list.gifts.map((g) => g.state)).toEqual(['delivered']);
  });

  test('unlocked and converted both count as the streamer’s claim', () => {
    expect(reachedSteps(gift('gft_cccccccccc', { state: 'converted' }))).toEqual(new Set(['sent', 'delivered', 'seen', 'claimed']));
  });

  test('read back after a reload, a thanked gift shows its claim (the platform sends it beside the state) or that it is not claimed yet', () => {
    const thanks = { text: 'Thanks!', mediaUploadId: null, at: 9, media: null };
    expect(reachedSteps(gift('gft_eeeeeeeeee', { state: 'thanked', claim: 'unlocked', thanks }))).toEqual(new Set(['sent', 'delivered', 'seen', 'claimed', 'thanked']));
    expect(reachedSteps(gift('gft_ffffffffff', { state: 'thanked', claim: null, thanks }))).toEqual(new Set(['sent', 'delivered', 'seen', 'thanked']));
  });
});

describe('room notices', () => {
  const notice = (id: number, giftId: string): Notice => ({ id, giftId, gift: 'egg', senderHandle: 'ana', text: '@ana sent Egg', at: id });
  test('newest first, each once, at most 30', () => {
    let list: Notice[] = [];
    for (let i = 1; i <= 40; i++) list = addNotice(list, notice(i, `gft_${i}`));
    list = addNotice(list, notice(40, 'gft_40'));
    expect(list).toHaveLength(30);
    expect(list[0]!.id).toBe(40);
    expect(list.at(-1)!.id).toBe(11);
  });
});

test('last month’s period key, across a new year', () => {
  expect(previousMonth('2026-12')).toBe('2026-11');
  expect(previousMonth('2027-01')).toBe('2026-12');
  expect(previousMonth('2026-10')).toBe('2026-09');
});
