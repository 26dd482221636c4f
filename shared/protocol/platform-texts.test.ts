import { expect, test } from 'vitest';
import { fillTemplate, guideLabelIn, localParams, parsePlatformText, PLATFORM_TEXTS, platformTextIn, sayPlatformText, type PlatformTextKey } from './platform-texts';

const placeholders = (template: string): string[] => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

test('English sentences as the platform stores them, with the named things named in a sentence', () => {
  const en = (key: PlatformTextKey, params: Record<string, string> = {}) => platformTextIn('en', { key, params });
  expect(en('giftReceivedWithMessage', { sender: 'ana', gift: 'A bundle of flowers', giftId: 'bundle-of-flowers', message: 'For you' })).toBe('@ana sent you a bundle of flowers: For you');
  expect(en('giftThanked', { sender: 'kim', gift: 'Egg', giftId: 'egg' })).toBe('@kim thanked you for Egg');
  expect(en('orderRequested', { requester: 'ana', occasion: 'Birthday', who: 'Zhang' })).toBe('New request from @ana: birthday video for Zhang');
  expect(en('orderRequestedForSelf', { requester: 'ana', occasion: 'Just because' })).toBe('New request from @ana: just because video for themselves');
  expect(en('orderCancelledWithText', { reason: 'not_delivered_in_time', text: 'sorry' })).toBe('Request cancelled: The video is not sent within 168 hours (sorry)');
  expect(en('orderAccepted')).toBe('Request accepted');
});

test('in Chinese: seeded gifts, cancel reasons and chosen occasions are named in Chinese; people’s own words pass as they are', () => {
  expect(platformTextIn('zh-CN', { key: 'giftReceivedWithMessage', params: { sender: 'ana', gift: 'A bundle of flowers', giftId: 'bundle-of-flowers', message: 'For you' } })).toBe(
    '@ana 送给你一束鲜花：For you',
  );
  // An operator's own gift keeps the name the platform sent.
  expect(platformTextIn('zh-CN', { key: 'giftThanked', params: { sender: 'kim', gift: 'Moon cake', giftId: 'moon-cake' } })).toBe('@kim 感谢你送的Moon cake');
  expect(platformTextIn('zh-CN', { key: 'orderRequested', params: { requester: 'ana', occasion: 'Birthday', who: 'Zhang' } })).toBe('来自 @ana 的新申请：给Zhang的生日视频');
  expect(platformTextIn('zh-CN', { key: 'orderRequested', params: { requester: 'ana', occasion: 'Graduation', who: '小张' } })).toBe('来自 @ana 的新申请：给小张的Graduation视频');
  expect(platformTextIn('zh-CN', { key: 'orderCancelledWithText', params: { reason: 'refused_by_creator', text: 'busy' } })).toBe('申请已取消：创作者拒绝了申请（busy）');
  // A reason that is not a cancel kind is left as it came.
  expect(localParams('zh-CN', { reason: 'made_up' })).toEqual({ reason: 'made_up' });
});

test('a value is filled in once, never read as a template; a missing parameter throws', () => {
  expect(platformTextIn('en', { key: 'giftReceivedWithMessage', params: { sender: 'ana', gift: 'Egg', giftId: 'egg', message: '{{sender}} $t(x) <b>' } })).toBe(
    '@ana sent you Egg: {{sender}} $t(x) <b>',
  );
  expect(() => fillTemplate('@{{sender}} sent you {{gift}}', { sender: 'ana' })).toThrow('no value for {{gift}}');
});

test('every language has every sentence with the same parameters', () => {
  for (const [key, english] of Object.entries(PLATFORM_TEXTS.en)) {
    expect(placeholders(PLATFORM_TEXTS['zh-CN'][key as PlatformTextKey]), key).toEqual(placeholders(english));
    expect(PLATFORM_TEXTS['zh-CN'][key as PlatformTextKey], key).not.toBe(english);
  }
});

test('what a client shows: the sentence in its language, else the platform’s English text', () => {
  const said = { text: 'Request accepted', textKey: { key: 'orderAccepted' as const, params: {} } };
  expect(sayPlatformText('zh-CN', said)).toBe('申请已接单');
  expect(sayPlatformText('zh-CN', { text: 'Written before keys', textKey: null })).toBe('Written before keys');
  // A key from a newer platform, or a parameter missing: the English stays readable.
  expect(sayPlatformText('zh-CN', { text: 'Newer', textKey: { key: 'somethingNew' as never, params: {} } })).toBe('Newer');
  expect(sayPlatformText('zh-CN', { text: '@ana sent you Egg', textKey: { key: 'giftReceived', params: { sender: 'ana' } } })).toBe('@ana sent you Egg');
  expect(guideLabelIn('zh-CN', { kind: 'video', label: 'Watch' })).toBe('观看');
  expect(guideLabelIn('zh-CN', { kind: 'planet', label: 'Visit' })).toBe('Visit');
});

test('stored keys are read back only when valid', () => {
  expect(parsePlatformText(null)).toBeNull();
  expect(parsePlatformText('{not json')).toBeNull();
  expect(parsePlatformText(JSON.stringify({ key: 'noSuchKey', params: {} }))).toBeNull();
  expect(parsePlatformText(JSON.stringify({ key: 'orderAccepted' }))).toBeNull();
  expect(parsePlatformText(JSON.stringify({ key: 'orderAccepted', params: { n: 1 } }))).toEqual({ key: 'orderAccepted', params: { n: 1 } });
});
