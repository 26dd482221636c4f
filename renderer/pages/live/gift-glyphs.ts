/**
 * A symbol for each seeded gift (the catalog's image files are not shipped yet). Symbols from the
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
