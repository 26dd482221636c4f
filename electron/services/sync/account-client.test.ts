import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildPlatform } from '@platform/app';
import { PlatformAccountClient } from './account-client';
import { PlatformError } from './platform-http';
import { FileSecretStore } from './secret-store';

let dir: string;
let platform: FastifyInstance;
let url: string;
let time = Date.UTC(2026, 10, 21);
const now = (): number => time;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'account-client-'));
  // The platform in-process on a real loopback port; its clock is the test's, so expiry can be reached.
  platform = await buildPlatform({ dataDir: path.join(dir, 'platform'), now, seed: null, scryptCost: { N: 1024, r: 8, p: 1 }, tokenTtlMs: 60_000, mediaTools: null });
  url = await platform.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = (file: string) => new PlatformAccountClient({ platformUrl: () => url, store: new FileSecretStore(path.join(dir, file)), now });

test('register stores the session in a 0600 file; a new client (next start) is still signed in', async () => {
  const a = client('s1/session');
  const state = await a.register({ handle: 'studio_user', password: 'correct horse', displayName: 'Studio User' });
  expect(state).toMatchObject({ signedIn: true, user: { handle: 'studio_user' } });
  expect(statSync(path.join(dir, 's1/session')).mode & 0o777).toBe(0o600);
  const b = client('s1/session');
  expect(await b.load()).toMatchObject({ signedIn: true, user: { handle: 'studio_user' } });
  expect(b.token()).toBe(a.token());
  expect(await b.refresh()).toMatchObject({ signedIn: true });
});

test('logout clears the file and ends the session on the platform', async () => {
  const a = client('s2/session');
  await a.register({ handle: 'leaver', password: 'correct horse', displayName: 'Leaver' });
  const token = a.token()!;
  expect(await a.logout()).toEqual({ signedIn: false, reason: null });
  expect(await client('s2/session').load()).toMatchObject({ signedIn: false });
  const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(401);
});

test('wrong password → PlatformError 401 invalid_credentials, still signed out', async () => {
  const a = client('s3/session');
  await expect(a.login({ handle: 'studio_user', password: 'not it at all' })).rejects.toMatchObject(new PlatformError(401, 'invalid_credentials', 'Wrong handle or password'));
  expect(a.state().signedIn).toBe(false);
});

test('an expired session is dropped at load; a corrupt file too', async () => {
  const a = client('s4/session');
  await a.login({ handle: 'studio_user', password: 'correct horse' });
  time += 60_001;
  expect(a.token()).toBeNull();
  expect(await client('s4/session').load()).toMatchObject({ signedIn: false });
  writeFileSync(path.join(dir, 's4/session'), '{not json');
  expect(await client('s4/session').load()).toMatchObject({ signedIn: false });
});

test('the platform refusing the token signs out with a reason to show', async () => {
  const a = client('s5/session');
  await a.login({ handle: 'studio_user', password: 'correct horse' });
  const seen: boolean[] = [];
  a.onChange((s) => seen.push(s.signedIn));
  // Ended on the platform behind the studio's back (another device signed out everywhere, say).
  const token = a.token()!;
  await fetch(`${url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  await a.refresh();
  expect(a.state()).toEqual({ signedIn: false, reason: 'This session is not valid; sign in again' });
  expect(seen).toEqual([false]);
  expect(await client('s5/session').load()).toMatchObject({ signedIn: false });
});

test('the platform being down is an unreachable error, not a sign-out', async () => {
  const a = new PlatformAccountClient({ platformUrl: () => 'http://127.0.0.1:9', store: new FileSecretStore(path.join(dir, 's6/session')), now });
  await expect(a.login({ handle: 'x_user', password: 'whatever long' })).rejects.toMatchObject({ name: 'PlatformUnreachableError' });
});
