/**
 * Bigint handling in one place. Stored times and sizes are `bigint` columns; the platform works
 * with JavaScript numbers, which are exact up to 2^53 − 1 (about 285,000 years of milliseconds, or
 * 8 PiB). PostgreSQL's driver hands int8 back as text and Kysely reports affected rows as bigint:
 * both pass through here, and a value that would lose precision is an error, never a silent rounding.
 */
export function toSafeInteger(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${String(value)} is not an integer the platform can hold exactly`);
  return n;
}

/** Rows a write touched, from Kysely's `numInsertedOrUpdatedRows` / `numUpdatedRows` / `numDeletedRows`. */
export const rowCount = (value: bigint | undefined): number => (value === undefined ? 0 : toSafeInteger(value));
