import { describe, expect, test } from 'vitest';
import { giftGlyph, giftMediaUrl } from './gift-glyphs';

describe('gift media URLs in the studio', () => {
  test('on the signed-in platform’s origin, whatever path its URL has', () => {
    expect(giftMediaUrl('http://127.0.0.1:41237', 'egg', 'image')).toBe('http://127.0.0.1:41237/api/v1/gift-media/egg/image');
    expect(giftMediaUrl('https://live.example.com/some/path?x=1', 'bundle-of-flowers', 'sound')).toBe('https://live.example.com/api/v1/gift-media/bundle-of-flowers/sound');
  });

  test('no platform, or one that is not http(s): no URL (the glyph and the chime stand in)', () => {
    expect(giftMediaUrl(null, 'egg', 'image')).toBeNull();
    expect(giftMediaUrl(undefined, 'egg', 'animation')).toBeNull();
    expect(giftMediaUrl('file:///etc', 'egg', 'image')).toBeNull();
    expect(giftMediaUrl('javascript:alert(1)', 'egg', 'image')).toBeNull();
    expect(giftMediaUrl('not a url', 'egg', 'image')).toBeNull();
    expect(giftGlyph('heart')).toBe('♥');
  });
});
