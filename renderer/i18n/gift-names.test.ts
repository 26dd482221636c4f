import { afterEach, describe, expect, it } from 'vitest';
import { GIFT_NAMES } from '@shared/catalog/gift-names';
import { giftName } from './gift-names';
import { i18n } from './i18n';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('gift names in the studio', () => {
  it('follow the interface language, and keep the platform’s name for a gift the table does not know', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(giftName({ giftId: 'bundle-of-flowers', name: 'A bundle of flowers' })).toBe('一束鲜花');
    expect(giftName({ giftId: 'operator-cake', name: 'Operator cake' })).toBe('Operator cake');
    expect(giftName({ giftId: 'constructor', name: 'Odd id' })).toBe('Odd id');
    await i18n.changeLanguage('en');
    expect(giftName({ giftId: 'egg', name: 'Egg' })).toBe('Egg');
  });

  it('are in both languages for the same gifts', () => {
    expect(Object.keys(GIFT_NAMES['zh-CN']).sort()).toEqual(Object.keys(GIFT_NAMES.en).sort());
    for (const name of Object.values(GIFT_NAMES['zh-CN'])) expect(name).toMatch(/[\u4e00-\u9fff]/);
  });
});
