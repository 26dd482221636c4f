import { describe, expect, it } from 'vitest';
import { parseRoute, paths, safeNext } from './routes';

describe('viewer routes', () => {
  it('parses every page, and each path builder round-trips', () => {
    expect(parseRoute('/')).toEqual({ page: 'feed' });
    expect(parseRoute('/v/vid_abc')).toEqual({ page: 'video', videoId: 'vid_abc' });
    expect(parseRoute('/v/vid_abc/try/anc_1')).toEqual({ page: 'try-on', videoId: 'vid_abc', anchorId: 'anc_1' });
    expect(parseRoute('/@Ana_B')).toEqual({ page: 'profile', handle: 'ana_b' });
    expect(parseRoute('/wallet/')).toEqual({ page: 'wallet' });
    expect(parseRoute('/messages')).toEqual({ page: 'messages', conversationId: null });
    expect(parseRoute('/messages/cnv_1')).toEqual({ page: 'messages', conversationId: 'cnv_1' });
    expect(parseRoute('/notifications')).toEqual({ page: 'notifications' });
    expect(parseRoute('/signup', '?next=%2Fwallet')).toEqual({ page: 'sign-in', mode: 'sign-up', next: '/wallet' });
    for (const path of [paths.feed(), paths.video('vid_1'), paths.tryOn('vid_1', 'anc_2'), paths.profile('ana'), paths.wallet(), paths.messages('cnv_9'), paths.notifications()]) {
      expect(parseRoute(path).page, path).not.toBe('not-found');
    }
    const [pathname, search] = paths.signIn('/v/vid_1?x=1').split('?');
    expect(parseRoute(pathname!, `?${search}`)).toEqual({ page: 'sign-in', mode: 'sign-in', next: '/v/vid_1?x=1' });
  });

  it('parses the custom-video pages, the wallet’s way back to a payment and an order’s section', () => {
    expect(parseRoute('/@Kim_B/custom')).toEqual({ page: 'custom-intro', handle: 'kim_b' });
    expect(parseRoute('/@kim_b/custom/request')).toEqual({ page: 'order-form', handle: 'kim_b' });
    expect(parseRoute('/@kim_b/custom/pay')).toEqual({ page: 'order-pay', handle: 'kim_b' });
    expect(parseRoute('/orders')).toEqual({ page: 'orders' });
    expect(parseRoute('/orders/ord_0123456789ab')).toEqual({ page: 'order', orderId: 'ord_0123456789ab', section: null });
    expect(parseRoute('/orders/ord_0123456789ab', '?open=comment')).toEqual({ page: 'order', orderId: 'ord_0123456789ab', section: 'comment' });
    expect(parseRoute('/orders/ord_0123456789ab', '?open=evil')).toEqual({ page: 'order', orderId: 'ord_0123456789ab', section: null });
    const [walletPath, walletQuery] = paths.wallet(paths.orderPay('kim_b')).split('?');
    expect(parseRoute(walletPath!, `?${walletQuery}`)).toEqual({ page: 'wallet', back: '/@kim_b/custom/pay' });
    expect(parseRoute('/wallet', '?back=%2F%2Fevil.example')).toEqual({ page: 'wallet' });
    expect('back' in parseRoute('/wallet', '?back=https%3A%2F%2Fevil.example')).toBe(false);
    for (const path of [paths.customIntro('kim'), paths.orderForm('kim'), paths.orderPay('kim'), paths.orders(), paths.order('ord_0123456789ab')])
      expect(parseRoute(path).page, path).not.toBe('not-found');
    const [orderPath, orderQuery] = paths.order('ord_0123456789ab', 'watch').split('?');
    expect(parseRoute(orderPath!, `?${orderQuery}`)).toMatchObject({ page: 'order', section: 'watch' });
  });

  it('answers not-found for anything else', () => {
    for (const path of ['/v', '/v/a b', '/@x', '/@kim/custom/other', '/orders/a b', '/orders/x/y', '/@toolonghandle_toolonghandle_xyz', '/wallet/extra', '/api/v1/videos'])
      expect(parseRoute(path).page, path).toBe('not-found');
  });

  it('only redirects to this origin after sign-in', () => {
    expect(safeNext('/wallet')).toBe('/wallet');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
