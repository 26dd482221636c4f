import { randomBytes } from 'node:crypto';

/** Time-ordered, url-safe ids: base36 milliseconds then 10 random base36 characters. */
export function newId<P extends string>(prefix: P, now: number): `${P}_${string}` {
  const random = [...randomBytes(10)].map((b) => (b % 36).toString(36)).join('');
  return `${prefix}_${now.toString(36).padStart(9, '0')}${random}`;
}
