import { describe, expect, it } from 'vitest';
import { GIFT_NAMES } from '@shared/catalog/gift-names';
import { roomsEn } from './en-rooms';
import { roomsZhCN } from './zh-CN-rooms';

describe('the viewer’s gift names', () => {
  // The studio reads shared/catalog/gift-names.ts; the viewer's catalogs must say the same names.
  it('are the shared table’s, in both languages', () => {
    expect(roomsEn.giftNames).toEqual(GIFT_NAMES.en);
    expect(roomsZhCN.giftNames).toEqual(GIFT_NAMES['zh-CN']);
  });
});
