/**
 * The seeded gifts' names (platform/features/gifts/catalog-seed.ts) in each interface language,
 * one table for the viewer and the studio. English is the seed's own name; a gift an operator adds
 * is not here and keeps the name the platform sends.
 */
export const GIFT_NAMES = {
  en: {
    egg: 'Egg',
    bread: 'Bread',
    soymilk: 'Soymilk',
    'fried-dough-stick': 'Fried dough stick',
    'bread-party': 'Bread party',
    'midday-in-flame': 'Midday in flame',
    'noodle-bowl': 'Noodle bowl',
    'hot-pot': 'Hot pot',
    'happy-birthday': 'Happy birthday',
    'bundle-of-flowers': 'A bundle of flowers',
    heart: 'Heart',
  },
  'zh-CN': {
    egg: '鸡蛋',
    bread: '面包',
    soymilk: '豆浆',
    'fried-dough-stick': '油条',
    'bread-party': '面包派对',
    'midday-in-flame': '火热午餐',
    'noodle-bowl': '一碗面',
    'hot-pot': '火锅',
    'happy-birthday': '生日快乐',
    'bundle-of-flowers': '一束鲜花',
    heart: '爱心',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;

export type GiftNameLanguage = keyof typeof GIFT_NAMES;
export type SeededGiftId = keyof (typeof GIFT_NAMES)['en'];

/** A gift's name in a language: the table's for a seeded gift, else the name the platform sent. */
export function giftNameIn(language: GiftNameLanguage, giftId: string, fallback: string): string {
  const names: Readonly<Record<string, string>> = GIFT_NAMES[language];
  return Object.prototype.hasOwnProperty.call(names, giftId) ? names[giftId]! : fallback;
}

/** A gift's name inside a sentence ("@ana sent a bundle of flowers"): a leading article is not capitalised. */
export const inSentence = (name: string): string => (/^(a|an|the)\s/i.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name);
