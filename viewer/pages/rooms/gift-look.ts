import type { TFunction } from 'i18next';
import type { en } from '../../i18n/en';

type GiftNameKey = keyof (typeof en)['rooms']['giftNames'];

const isKnown = (id: string, names: Readonly<Record<string, string>>): id is GiftNameKey => Object.prototype.hasOwnProperty.call(names, id);

/** A gift's name in the page's language: the catalog's seeded gifts are translated; an operator's own keep their name. */
export function giftName(t: TFunction, id: string, fallback: string): string {
  const names = t('rooms.giftNames', { returnObjects: true }) as Readonly<Record<string, string>>;
  return isKnown(id, names) ? t(`rooms.giftNames.${id}`) : fallback;
}

export { inSentence } from '@shared/catalog/gift-names';

/** A gift's badge: one of six colours picked from its id (stable), and the first letter of its name. */
export function giftTint(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % 6;
}
export const giftGlyph = (name: string): string => [...name.replace(/^(a|an|the)\s+/i, '')][0]?.toUpperCase() ?? '?';
