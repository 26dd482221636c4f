/**
 * True when a write failed on a unique (or primary-key) constraint, on either database:
 * better-sqlite3 reports `SQLITE_CONSTRAINT_UNIQUE` / `SQLITE_CONSTRAINT_PRIMARYKEY`, node-postgres
 * the SQLSTATE `23505`. Codes, not message text, so a driver's wording can change freely.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
