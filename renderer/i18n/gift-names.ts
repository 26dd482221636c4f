import { giftNameIn } from '@shared/catalog/gift-names';
import { currentLanguage } from './i18n';

/** A received gift's name in the interface language (shared/catalog/gift-names.ts, as the viewer says it). */
export const giftName = (gift: Readonly<{ giftId: string; name: string }>): string => giftNameIn(currentLanguage(), gift.giftId, gift.name);
