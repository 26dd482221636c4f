import { describe, expect, test } from 'vitest';
import { COMMENT_MAX_CHARS, FOR_WHOM_OPTIONS, INFO_LIMITS, OCCASION_OPTIONS, charCount, checkComment, checkOrderInfo, checkReason } from './info';

const good = { forWhom: 'Friend', name: 'Zhang', address: 'Xiao Zhang', occasion: 'Birthday', instructions: 'Sing, please' };

describe('order info', () => {
  test('the option lists are the product’s', () => {
    expect(FOR_WHOM_OPTIONS).toEqual(['Myself', 'Friend', 'Family', 'Partner', 'Colleague', 'Other']);
    expect(OCCASION_OPTIONS).toEqual(['Birthday', 'Anniversary', 'Congratulations', 'Get well', 'Just because', 'Other']);
  });

  test('a complete form passes trimmed; empty optional fields are dropped', () => {
    expect(checkOrderInfo({ ...good, name: '  Zhang ', instructions: '   ' })).toEqual({ ok: true, value: { forWhom: 'Friend', name: 'Zhang', address: 'Xiao Zhang', occasion: 'Birthday' } });
    expect(checkOrderInfo({ forWhom: 'my cousin', address: 'Li', occasion: 'graduation' })).toEqual({ ok: true, value: { forWhom: 'my cousin', address: 'Li', occasion: 'graduation' } });
  });

  test('required fields, types and each field’s limit (counted in characters, CJK and emoji as one)', () => {
    expect(checkOrderInfo({})).toEqual({
      ok: false,
      problems: [
        { field: 'forWhom', reason: 'Fill this in' },
        { field: 'address', reason: 'Fill this in' },
        { field: 'occasion', reason: 'Fill this in' },
      ],
    });
    expect(checkOrderInfo({ ...good, address: 42 })).toMatchObject({ ok: false, problems: [{ field: 'address', reason: 'This must be text' }] });
    for (const [field, max] of Object.entries(INFO_LIMITS)) {
      expect(checkOrderInfo({ ...good, [field]: '张'.repeat(max) }).ok, field).toBe(true);
      expect(checkOrderInfo({ ...good, [field]: '🎂'.repeat(max) }).ok, field).toBe(true);
      expect(checkOrderInfo({ ...good, [field]: 'x'.repeat(max + 1) }), field).toEqual({ ok: false, problems: [{ field, reason: `At most ${max} characters` }] });
    }
    expect(charCount('🎂张a')).toBe(3);
  });

  test('"Other" needs a name', () => {
    expect(checkOrderInfo({ forWhom: 'Other', address: 'you', occasion: 'Birthday' })).toEqual({ ok: false, problems: [{ field: 'name', reason: 'Say who the video is for' }] });
    expect(checkOrderInfo({ forWhom: 'Other', name: 'Mo', address: 'you', occasion: 'Birthday' }).ok).toBe(true);
  });
});

test('reasons: 1–200 characters after trimming', () => {
  expect(checkReason(' busy ')).toEqual({ ok: true, value: 'busy' });
  expect(checkReason('   ').ok).toBe(false);
  expect(checkReason(undefined).ok).toBe(false);
  expect(checkReason('x'.repeat(200)).ok).toBe(true);
  expect(checkReason('x'.repeat(201)).ok).toBe(false);
});

describe('comments', () => {
  test('stars and/or text, not empty', () => {
    expect(checkComment({ stars: 5 })).toEqual({ ok: true, value: { stars: 5, anonymous: false } });
    expect(checkComment({ text: ' Lovely ', anonymous: true })).toEqual({ ok: true, value: { text: 'Lovely', anonymous: true } });
    expect(checkComment({ stars: 1, text: 'ok' })).toEqual({ ok: true, value: { stars: 1, text: 'ok', anonymous: false } });
    for (const empty of [{}, { text: '  ' }, { stars: null, text: '' }]) expect(checkComment(empty)).toEqual({ ok: false, problems: [{ field: 'comment', reason: 'Give stars or write something' }] });
  });

  test('stars are whole 1–5; text at most 500 characters; anonymous is a boolean', () => {
    for (const stars of [0, 6, 2.5, -1, '5']) expect(checkComment({ stars }), String(stars)).toMatchObject({ ok: false, problems: [{ field: 'stars' }] });
    expect(checkComment({ text: 'x'.repeat(COMMENT_MAX_CHARS) }).ok).toBe(true);
    expect(checkComment({ text: 'x'.repeat(COMMENT_MAX_CHARS + 1) })).toMatchObject({ ok: false, problems: [{ field: 'text' }] });
    expect(checkComment({ stars: 3, anonymous: 'yes' })).toMatchObject({ ok: false, problems: [{ field: 'anonymous' }] });
  });
});
