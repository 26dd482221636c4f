import { giftMediaPath, type GiftMediaKind } from '@shared/domain/gifts/media';
import { API_PREFIX } from '@shared/protocol/routes';

/**
 * A catalog gift's picture, animation or sound on the platform the studio is signed in to (its
 * origin; the studio's CSP lets img-src and media-src reach that origin only). Null without one.
 */
export function giftMediaUrl(platformUrl: string | null | undefined, giftId: string, kind: GiftMediaKind): string | null {
  if (!platformUrl) return null;
  try {
    const base = new URL(platformUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
    return new URL(API_PREFIX + giftMediaPath(giftId, kind), base.origin).toString();
  } catch {
    return null;
  }
}

/**
 * A symbol for each seeded gift, shown where the picture cannot be (no platform, a gift without
 * one, the stream overlay drawn on a canvas). Symbols from the
 * common text fonts (DejaVu, Noto Sans, Segoe UI Symbol), not colour emoji, which many Linux
 * machines lack; ✦ for gifts this table does not know.
 */
const GLYPHS: Readonly<Record<string, string>> = {
  egg: '☕',
  bread: '☕',
  soymilk: '☕',
  'fried-dough-stick': '☕',
  'bread-party': '☕',
  'midday-in-flame': '♨',
  'noodle-bowl': '♨',
  'hot-pot': '♨',
  'happy-birthday': '✶',
  'bundle-of-flowers': '✿',
  heart: '♥',
};

export const giftGlyph = (slug: string): string => GLYPHS[slug] ?? '✦';
