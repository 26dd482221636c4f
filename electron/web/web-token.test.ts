import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateToken, TOKEN_FILE } from './web-token';

const root = mkdtempSync(path.join(os.tmpdir(), 'web-token-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the browser-hosted studio token', () => {
  it('is created once per data dir in a 0600 file and stays the same across restarts', () => {
    const dir = mkdtempSync(path.join(root, 'a-'));
    const first = loadOrCreateToken(dir);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(path.join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(dir)).toEqual({ token: first.token, created: false });
    expect(loadOrCreateToken(mkdtempSync(path.join(root, 'b-'))).token).not.toBe(first.token);
  });

  it('rotates on request, and replaces a file that does not hold a token', () => {
    const dir = mkdtempSync(path.join(root, 'c-'));
    const first = loadOrCreateToken(dir);
    const rotated = loadOrCreateToken(dir, true);
    expect(rotated.token).not.toBe(first.token);
    expect(readFileSync(path.join(dir, TOKEN_FILE), 'utf8').trim()).toBe(rotated.token);
    writeFileSync(path.join(dir, TOKEN_FILE), 'short');
    expect(loadOrCreateToken(dir).created).toBe(true);
    chmodSync(path.join(dir, TOKEN_FILE), 0o644);
    loadOrCreateToken(dir);
    expect(statSync(path.join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });
});
