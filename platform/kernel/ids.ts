import { randomBytes } from 'node:crypto';

/** A fresh id with the given prefix: 20 lowercase hex chars (80 random bits). */
export function newId<P extends string>(prefix: P): `${P}_${string}` {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}
