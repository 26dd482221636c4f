/**
 * Redemption codes: what a streamer hands a merchant for the real item behind a gift.
 *
 * Shape: `FD 67999 00909 31415 92653 58979 GRT` — a two-letter merchant prefix, 25 random digits
 * in groups of five, three check letters. The seed's example (`FD 6799900909 GRT`) has ten digits,
 * but ten digits are only 33 bits; 25 digits are 10^25 ≈ 2^83, so a code cannot be guessed (≥ 80
 * bits, the bar) while staying digits a person can read out. The platform stores only a
 * hash of the normalised code.
 *
 * The check letters catch typing mistakes before any lookup: they encode (prefix and digits read
 * as one decimal number) mod 17,573 — a prime, so any single wrong digit (changes the number by
 * k·10^i, 1 ≤ |k| ≤ 9) and any swap of two neighbouring digits ((a − b)·9·10^i) changes the check.
 * 17,573 < 26³, so three letters A–Z hold it.
 */

export const CODE_RANDOM_DIGITS = 25;
const CHECK_MODULUS = 17_573n;
const PREFIX = /^[A-Z]{2}$/;
const NORMALISED = /^([A-Z]{2})([0-9]{25})([A-Z]{3})$/;

export type CodeCheck = { readonly ok: true; readonly normalised: string; readonly prefix: string } | { readonly ok: false; readonly reason: string };

export function isCodePrefix(value: string): boolean {
  return PREFIX.test(value);
}

/** The three check letters for a prefix and its digits. */
export function checkLetters(prefix: string, digits: string): string {
  if (!PREFIX.test(prefix)) throw new RangeError(`a code prefix is two letters A–Z, not ${prefix}`);
  if (!/^[0-9]+$/.test(digits)) throw new RangeError('a code carries digits only between its prefix and check letters');
  // Letters as two-digit numbers 10–35 (as in IBAN), so the prefix is part of the checked number.
  const letterDigits = [...prefix].map((c) => String(c.charCodeAt(0) - 55)).join('');
  let value = BigInt(letterDigits + digits) % CHECK_MODULUS;
  let letters = '';
  for (let i = 0; i < 3; i++) {
    letters = String.fromCharCode(65 + Number(value % 26n)) + letters;
    value /= 26n;
  }
  return letters;
}

/** A code from its prefix and 25 random digits (the caller draws them from a CSPRNG). */
export function formatCode(prefix: string, randomDigits: string): string {
  if (randomDigits.length !== CODE_RANDOM_DIGITS || !/^[0-9]+$/.test(randomDigits)) throw new RangeError(`a code needs ${CODE_RANDOM_DIGITS} random digits`);
  const groups = randomDigits.match(/.{5}/g)!;
  return [prefix, ...groups, checkLetters(prefix, randomDigits)].join(' ');
}

/**
 * Reads a code as typed: any case, spaces or dashes anywhere. Refuses a wrong shape or wrong check
 * letters with a sentence; a well-formed code is returned normalised (what is hashed and stored).
 */
export function parseCode(input: string): CodeCheck {
  if (input.length > 80) return { ok: false, reason: 'That is too long to be a redemption code' };
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  const match = NORMALISED.exec(compact);
  if (!match) return { ok: false, reason: `A redemption code is two letters, ${CODE_RANDOM_DIGITS} digits and three letters (like "FD 67999 00909 31415 92653 58979 GRT")` };
  const [, prefix, digits, check] = match as unknown as [string, string, string, string];
  if (checkLetters(prefix, digits) !== check) return { ok: false, reason: 'This redemption code has a typo: its check letters do not match' };
  return { ok: true, normalised: compact, prefix };
}

/** Turns random bytes into `count` uniformly random decimal digits (rejection sampling, no modulo bias). */
export function digitsFromBytes(bytes: Uint8Array, count: number): string | null {
  let digits = '';
  for (const byte of bytes) {
    // 250 = 25 × 10: bytes 250–255 would favour 0–5, so they are skipped.
    if (byte >= 250) continue;
    digits += String(byte % 10);
    if (digits.length === count) return digits;
  }
  return null;
}
