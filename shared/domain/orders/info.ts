/**
 * What a viewer fills in when ordering a custom video, and the rules on it. `forWhom` and
 * `occasion` take one of the option labels below or free text; lengths count characters as people
 * see them (code points), so a CJK name or an emoji is one each.
 */
export const FOR_WHOM_OPTIONS = ['Myself', 'Friend', 'Family', 'Partner', 'Colleague', 'Other'] as const;
export const OCCASION_OPTIONS = ['Birthday', 'Anniversary', 'Congratulations', 'Get well', 'Just because', 'Other'] as const;
/** The reasons a requester picks from when cancelling (or free text). */
export const REQUESTER_CANCEL_REASONS = ['I no longer need it', 'I ordered by mistake', 'It takes too long', 'I want to change the request'] as const;

export const INFO_LIMITS = {
  forWhom: 40,
  name: 60,
  address: 60,
  occasion: 60,
  instructions: 500,
} as const;
/** A refusal, cancellation or comment reason. */
export const REASON_MAX_CHARS = 200;
export const COMMENT_MAX_CHARS = 500;

export interface OrderInfo {
  readonly forWhom: string;
  /** The person's name (for "Other" or anyone else). */
  readonly name?: string | undefined;
  /** How the creator should address them. */
  readonly address: string;
  readonly occasion: string;
  readonly instructions?: string | undefined;
}

export type FieldProblem = { readonly field: string; readonly reason: string };
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** Characters as people count them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function cleanText(problems: FieldProblem[], field: string, value: unknown, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) problems.push({ field, reason: 'Fill this in' });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push({ field, reason: 'This must be text' });
    return undefined;
  }
  const text = value.trim();
  if (text === '') {
    if (required) problems.push({ field, reason: 'Fill this in' });
    return undefined;
  }
  if (charCount(text) > max) {
    problems.push({ field, reason: `At most ${max} characters` });
    return undefined;
  }
  return text;
}

/** Trims every field and checks its length; empty optional fields are dropped. */
export function checkOrderInfo(input: Readonly<Record<string, unknown>>): Checked<OrderInfo> {
  const problems: FieldProblem[] = [];
  const forWhom = cleanText(problems, 'forWhom', input.forWhom, INFO_LIMITS.forWhom, true);
  const name = cleanText(problems, 'name', input.name, INFO_LIMITS.name, false);
  const address = cleanText(problems, 'address', input.address, INFO_LIMITS.address, true);
  const occasion = cleanText(problems, 'occasion', input.occasion, INFO_LIMITS.occasion, true);
  const instructions = cleanText(problems, 'instructions', input.instructions, INFO_LIMITS.instructions, false);
  if (forWhom === 'Other' && name === undefined && !problems.some((p) => p.field === 'name')) problems.push({ field: 'name', reason: 'Say who the video is for' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { forWhom: forWhom!, address: address!, occasion: occasion!, ...(name === undefined ? {} : { name }), ...(instructions === undefined ? {} : { instructions }) },
  };
}

/** A short reason (refusal, cancellation): trimmed, 1..REASON_MAX_CHARS characters. */
export function checkReason(value: unknown): Checked<string> {
  const problems: FieldProblem[] = [];
  const text = cleanText(problems, 'reason', value, REASON_MAX_CHARS, true);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: text! };
}

export interface OrderComment {
  readonly stars?: number | undefined;
  readonly text?: string | undefined;
  readonly anonymous: boolean;
}

/** 1–5 whole stars and/or up to 500 characters, but not nothing. */
export function checkComment(input: Readonly<{ stars?: unknown; text?: unknown; anonymous?: unknown }>): Checked<OrderComment> {
  const problems: FieldProblem[] = [];
  let stars: number | undefined;
  if (input.stars !== undefined && input.stars !== null) {
    if (typeof input.stars !== 'number' || !Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) problems.push({ field: 'stars', reason: 'Give 1 to 5 stars' });
    else stars = input.stars;
  }
  const text = cleanText(problems, 'text', input.text, COMMENT_MAX_CHARS, false);
  if (input.anonymous !== undefined && typeof input.anonymous !== 'boolean') problems.push({ field: 'anonymous', reason: 'Anonymous is yes or no' });
  if (problems.length === 0 && stars === undefined && text === undefined) problems.push({ field: 'comment', reason: 'Give stars or write something' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { anonymous: input.anonymous === true, ...(stars === undefined ? {} : { stars }), ...(text === undefined ? {} : { text }) } };
}
