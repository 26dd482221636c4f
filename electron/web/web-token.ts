import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Beside studio.db; 0600 like the platform session file. */
export const TOKEN_FILE = 'web-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The browser-hosted studio's access token, kept per data dir so a restart does not invalidate
 * every open tab and bookmark. `rotate` (--rotate-token) makes a new one, which logs out every
 * page that had the old one. A file that is missing or does not hold a token is replaced.
 */
export function loadOrCreateToken(dataDir: string, rotate = false): { token: string; created: boolean } {
  const file = path.join(dataDir, TOKEN_FILE);
  if (!rotate) {
    try {
      const stored = readFileSync(file, 'utf8').trim();
      if (TOKEN_PATTERN.test(stored)) {
        // Tighten a file someone loosened; the token itself stays.
        chmodSync(file, 0o600);
        return { token: stored, created: false };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const token = randomBytes(24).toString('base64url');
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${token}\n`, { mode: 0o600 });
  renameSync(partial, file);
  return { token, created: true };
}
