import { FileStore } from '@tus/file-store';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import type { Video } from '@shared/protocol/index';
import { SessionsRepository } from './features/accounts/sessions-repository';
import { UsersRepository } from './features/accounts/users-repository';
import { sampleVideo } from './test-support/fixtures';
import { createTestPlatform, type TestPlatform } from './test-support/harness';

let p: TestPlatform;
let token: string;
let video: Video;
beforeAll(async () => {
  p = await createTestPlatform();
  token = (await p.register('full_disk')).token;
  video = await p.postVideo(token, sampleVideo().mp4);
});
afterAll(() => p.close());
afterEach(() => vi.restoreAllMocks());

/** What the file system and the databases throw when the disk is full. */
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
const sqliteFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

const expectStorageFull = (res: { statusCode: number; json: () => unknown; body: string }) => {
  expect(res.statusCode, res.body).toBe(507);
  expect(res.json()).toEqual({ error: { code: 'storage_full', message: expect.stringMatching(/run out of storage space.*reading still works/) } });
  expect(res.body).not.toMatch(/ENOSPC|SQLITE/);
};

test('a tus PATCH that meets a full disk → 507 storage_full; reads keep working', async () => {
  const created = await p.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-length': '100' } });
  vi.spyOn(FileStore.prototype, 'write').mockRejectedValue(enospc());
  const patched = await p.app.inject({
    method: 'PATCH',
    url: String(created.headers.location),
    headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    payload: Buffer.alloc(100, 1),
  });
  expectStorageFull(patched);
  expect((await p.app.inject({ method: 'GET', url: '/api/v1/videos' })).statusCode).toBe(200);
  expect((await p.app.inject({ method: 'GET', url: video.mediaUrl, headers: { range: 'bytes=0-99' } })).statusCode).toBe(206);
});

test('register and login that cannot write their rows → 507 storage_full', async () => {
  vi.spyOn(UsersRepository.prototype, 'insert').mockRejectedValue(sqliteFull());
  expectStorageFull(await p.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { handle: 'newcomer', password: 'correct horse', displayName: 'New' } }));
  vi.spyOn(SessionsRepository.prototype, 'insert').mockRejectedValue(Object.assign(new Error('could not extend file'), { code: '53100' }));
  expectStorageFull(await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'full_disk', password: 'correct horse' } }));
  expect((await p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
});

test('any other failure is still a plain 500 internal', async () => {
  vi.spyOn(SessionsRepository.prototype, 'insert').mockRejectedValue(new Error('something else broke'));
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'full_disk', password: 'correct horse' } });
  expect(res.statusCode).toBe(500);
  expect(res.json()).toMatchObject({ error: { code: 'internal' } });
});
