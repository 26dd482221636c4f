import { ApiError } from './api-error';

/** Error codes that mean "the disk (or quota) is full": the file system's, SQLite's and PostgreSQL's (SQLSTATE 53100). */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

/** True when `error` (or one of its causes) says there is no room left to write. */
export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (FULL_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

export const storageFull = (): ApiError => new ApiError('storage_full', 'The platform has run out of storage space, so nothing new can be saved right now; reading still works. Try again later.');
