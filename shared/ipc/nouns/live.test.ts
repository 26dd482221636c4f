import { expect, test } from 'vitest';
import { ThanksInput } from './live';

const giftId = 'gft_0123456789';
const draftId = 'drf_0123456789';
const picture = { bytes: new Uint8Array([1, 2, 3]), filename: 'snap.png' };
const messages = (input: unknown): string[] => {
  const parsed = ThanksInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

test('a thanks carries a text, a picture or a clip (a take’s draft), a text with either, never both media', () => {
  expect(ThanksInput.parse({ giftId, clip: { draftId } })).toEqual({ giftId, clip: { draftId } });
  expect(ThanksInput.parse({ giftId, text: ' Thanks! ', clip: { draftId } })).toEqual({ giftId, text: 'Thanks!', clip: { draftId } });
  expect(ThanksInput.safeParse({ giftId, text: 'Hi', picture }).success).toBe(true);
  expect(messages({ giftId })).toEqual(['Thanks need a text, a picture or a clip']);
  expect(messages({ giftId, picture, clip: { draftId } })).toEqual(['A thanks carries a picture or a clip, not both']);
  expect(messages({ giftId, clip: { draftId: '../../etc/passwd' } })).toEqual(['not a draft id']);
});
