import { describe, expect, it } from 'vitest';
import { eventSpecs, events } from './contract';
import { EventRouter, EventSubscriber, type SubscribeMessage, type UnsubscribeMessage } from './subscriptions';

const job = (draftId: string, percent: number) => ({ jobId: 'exp_0000000000', draftId, state: 'running', percent, etaMs: null, ahead: 0 });
const A = 'drf_aaaaaaaaaa';
const B = 'drf_bbbbbbbbbb';

describe('event subscriptions', () => {
  it('sends a connection only the events it subscribed to, filtered by the subscription argument', () => {
    const router = new EventRouter<string>(eventSpecs);
    expect(router.subscribe('page-1', { t: 'sub', sub: 1, name: 'media.exportProgress', arg: { draftId: A } })).toBeNull();
    expect(router.subscribe('page-1', { t: 'sub', sub: 2, name: 'media.exportProgress' })).toBeNull();
    expect(router.subscribe('page-2', { t: 'sub', sub: 1, name: 'drafts.changed' })).toBeNull();
    expect(router.route('media.exportProgress', job(A, 5))).toEqual([['page-1', { name: 'media.exportProgress', payload: job(A, 5), subs: [1, 2] }]]);
    expect(router.route('media.exportProgress', job(B, 5))).toEqual([['page-1', { name: 'media.exportProgress', payload: job(B, 5), subs: [2] }]]);
    // Nobody asked for notices: nothing is broadcast by default.
    expect(router.route('app.notice', { id: 'n', level: 'info', message: 'hi', at: 1 })).toEqual([]);
    router.unsubscribe('page-1', 2);
    expect(router.route('media.exportProgress', job(B, 6))).toEqual([]);
    router.drop('page-1');
    expect(router.route('media.exportProgress', job(A, 7))).toEqual([]);
  });

  it('refuses unknown events, arguments an event does not take and malformed ones', () => {
    const router = new EventRouter<string>(eventSpecs);
    expect(router.subscribe('p', { t: 'sub', sub: 1, name: 'drafts.nuked' })).toMatch(/no event/);
    expect(router.subscribe('p', { t: 'sub', sub: 1, name: 'app.notice', arg: { id: 'x' } })).toMatch(/takes no subscription argument/);
    expect(router.subscribe('p', { t: 'sub', sub: 1, name: 'media.exportProgress', arg: { draftId: 'nope' } })).toMatch(/draft id/);
    expect(router.subscribe('p', { t: 'sub', sub: 1, name: 'toString' })).toMatch(/no event/);
  });

  it('delivers checked payloads to the right listeners and asks again after a reconnect', () => {
    const sent: (SubscribeMessage | UnsubscribeMessage)[] = [];
    const subscriber = new EventSubscriber(events, (m) => sent.push(m));
    const mine: unknown[] = [];
    const all: unknown[] = [];
    const stop = subscriber.on('media.exportProgress', (p) => mine.push(p), { draftId: A });
    subscriber.on('media.exportProgress', (p) => all.push(p));
    expect(sent).toEqual([
      { t: 'sub', sub: 1, name: 'media.exportProgress', arg: { draftId: A } },
      { t: 'sub', sub: 2, name: 'media.exportProgress' },
    ]);
    subscriber.deliver({ name: 'media.exportProgress', payload: job(A, 1), subs: [1, 2] });
    subscriber.deliver({ name: 'media.exportProgress', payload: job(B, 1), subs: [2] });
    subscriber.deliver({ name: 'media.exportProgress', payload: { broken: true }, subs: [1, 2] });
    expect(mine).toEqual([job(A, 1)]);
    expect(all).toEqual([job(A, 1), job(B, 1)]);
    stop();
    expect(sent.at(-1)).toEqual({ t: 'unsub', sub: 1 });
    sent.length = 0;
    subscriber.resubscribeAll();
    expect(sent).toEqual([{ t: 'sub', sub: 2, name: 'media.exportProgress' }]);
    expect(() => subscriber.on('drafts.nuked', () => undefined)).toThrow(/Unknown studio event/);
  });
});
