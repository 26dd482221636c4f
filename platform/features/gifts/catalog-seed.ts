import type { CatalogGift } from '@shared/protocol/gifts';

const BREAKFAST = [{ start: '07:00', end: '09:00' }];
const LUNCH = [{ start: '11:00', end: '13:00' }];
const DINNER = [{ start: '18:00', end: '20:00' }];

/** The seeded gifts' files in resources/gifts (made by make-gift-media.mjs there): picture, animated SVG, sound. */
const media = (id: string): Pick<CatalogGift, 'image' | 'animation' | 'sound'> => ({ image: `gifts/${id}.svg`, animation: `gifts/${id}.anim.svg`, sound: `gifts/${id}.mp3` });

const meal = (id: string, name: string, coins: number, schedule: CatalogGift['schedule'], item: string, description: string, prefix = 'FD'): CatalogGift => ({
  id,
  name,
  ...media(id),
  coinPrice: coins,
  diamondValue: coins,
  item: { name: item, description, merchant: 'sandbox' },
  codePrefix: prefix,
  schedule,
});

/**
 * The seeded gift catalog (the examples): breakfast 07:00–09:00, lunch 11:00–13:00, dinner
 * 18:00–20:00 in the room's time zone, always-open flowers and a free Heart. Operators add more
 * entries the same way (GiftCatalogRepository.upsert).
 */
export const GIFT_CATALOG_SEED: readonly CatalogGift[] = [
  meal('egg', 'Egg', 6, BREAKFAST, 'A boiled egg', 'One freshly boiled egg from the breakfast stall'),
  meal('bread', 'Bread', 12, BREAKFAST, 'A bread roll', 'One fresh bread roll'),
  meal('soymilk', 'Soymilk', 8, BREAKFAST, 'A cup of soymilk', 'One hot cup of soymilk'),
  meal('fried-dough-stick', 'Fried dough stick', 10, BREAKFAST, 'A fried dough stick', 'One youtiao, fresh from the fryer'),
  meal('bread-party', 'Bread party', 36, BREAKFAST, 'A breakfast set', 'Bread, egg, soymilk and a fried dough stick'),
  meal('midday-in-flame', 'Midday in flame', 66, LUNCH, 'A spicy lunch set', 'A spicy stir-fry with rice and soup'),
  meal('noodle-bowl', 'Noodle bowl', 28, LUNCH, 'A bowl of noodles', 'One bowl of beef noodle soup'),
  meal('hot-pot', 'Hot pot', 88, DINNER, 'A hot pot for one', 'A hot pot dinner for one'),
  meal('happy-birthday', 'Happy birthday', 188, DINNER, 'A birthday cake', 'A 6-inch birthday cake', 'CK'),
  meal('bundle-of-flowers', 'A bundle of flowers', 36, null, 'A bouquet', 'A hand-tied bouquet of seasonal flowers', 'FL'),
  { id: 'heart', name: 'Heart', ...media('heart'), coinPrice: 0, diamondValue: 0, item: null, codePrefix: null, schedule: null },
];
