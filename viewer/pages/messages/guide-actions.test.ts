import { describe, expect, it } from 'vitest';
import { guideActionPath, notificationPath } from './guide-actions';

describe('guide items and notifications', () => {
  it('open the order pages: Details, Watch and Comment of an order; Watch of a feed video stays the video page', () => {
    const id = 'ord_0123456789ab';
    expect(guideActionPath({ kind: 'order', id })).toBe(`/orders/${id}`);
    expect(guideActionPath({ kind: 'video', id })).toBe(`/orders/${id}?open=watch`);
    expect(guideActionPath({ kind: 'comment', id })).toBe(`/orders/${id}?open=comment`);
    expect(guideActionPath({ kind: 'video', id: 'vid_abc' })).toBe('/v/vid_abc');
    expect(guideActionPath({ kind: 'video', id: 'vid_0123456789abcdefghij' })).toBe('/v/vid_0123456789abcdefghij');
    // A forwarded custom video's Watch names its share token: the shared-video page.
    expect(guideActionPath({ kind: 'video', id: 'Zx-3_kP0aQ9sLm2bVc7nRt1y' })).toBe('/shared/Zx-3_kP0aQ9sLm2bVc7nRt1y');
    expect(guideActionPath({ kind: 'comment', id: 'cmt_1' })).toBeNull();
    expect(guideActionPath({ kind: 'gift', id: 'gft_1' })).toBeNull();
    expect(notificationPath({ kind: 'order', id })).toBe(`/orders/${id}`);
  });
});
