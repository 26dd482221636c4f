import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Video } from '@shared/protocol/index';
import { sampleVideo } from './test-support/fixtures';
import { createTestPlatform, type TestPlatform } from './test-support/harness';

type Actor = 'anonymous' | 'owner' | 'other';
interface Row {
  readonly name: string;
  readonly request: () => InjectOptions;
  readonly expect: Readonly<Record<Actor, number>>;
}

/**
 * Who may do what on every route: an anonymous caller, the video's owner and another signed-in
 * account. Hidden things answer 404 (not 403) so ids cannot be used to probe for them.
 */
describe('authorisation matrix', () => {
  let p: TestPlatform;
  const tokens: Record<Actor, string | null> = { anonymous: null, owner: null, other: null };
  let pub: Video;
  let followers: Video;
  let priv: Video;
  let pendingUpload: string;

  beforeAll(async () => {
    p = await createTestPlatform();
    tokens.owner = (await p.register('owner')).token;
    tokens.other = (await p.register('other')).token;
    const mp4 = sampleVideo().mp4;
    pub = await p.postVideo(tokens.owner, mp4, { visibility: 'public' });
    followers = await p.postVideo(tokens.owner, mp4, { visibility: 'followers' });
    priv = await p.postVideo(tokens.owner, mp4, { visibility: 'private' });
    pendingUpload = await p.upload(tokens.owner, mp4, { sendBytes: 0 });
  });
  afterAll(() => p.close());

  const tus = { 'tus-resumable': '1.0.0' };
  const rows: Row[] = [
    { name: 'GET /me', request: () => ({ method: 'GET', url: '/api/v1/me' }), expect: { anonymous: 401, owner: 200, other: 200 } },
    { name: 'GET /items', request: () => ({ method: 'GET', url: '/api/v1/items' }), expect: { anonymous: 200, owner: 200, other: 200 } },
    { name: 'GET /items/:id', request: () => ({ method: 'GET', url: '/api/v1/items/velvet-rouge-lipstick' }), expect: { anonymous: 200, owner: 200, other: 200 } },
    { name: 'GET /videos', request: () => ({ method: 'GET', url: '/api/v1/videos' }), expect: { anonymous: 200, owner: 200, other: 200 } },
    { name: 'GET /videos/:id public', request: () => ({ method: 'GET', url: `/api/v1/videos/${pub.id}` }), expect: { anonymous: 200, owner: 200, other: 200 } },
    { name: 'GET /videos/:id followers', request: () => ({ method: 'GET', url: `/api/v1/videos/${followers.id}` }), expect: { anonymous: 404, owner: 200, other: 200 } },
    { name: 'GET /videos/:id private', request: () => ({ method: 'GET', url: `/api/v1/videos/${priv.id}` }), expect: { anonymous: 404, owner: 200, other: 404 } },
    { name: 'GET /videos/:id/media public', request: () => ({ method: 'GET', url: pub.mediaUrl }), expect: { anonymous: 200, owner: 200, other: 200 } },
    { name: 'GET /videos/:id/media private', request: () => ({ method: 'GET', url: priv.mediaUrl }), expect: { anonymous: 404, owner: 200, other: 404 } },
    { name: 'GET /videos/:id/cover followers', request: () => ({ method: 'GET', url: followers.coverUrl }), expect: { anonymous: 404, owner: 200, other: 200 } },
    { name: 'GET /videos/:id/cover private', request: () => ({ method: 'GET', url: priv.coverUrl }), expect: { anonymous: 404, owner: 200, other: 404 } },
    { name: 'POST /anchors/:id/trigger public', request: () => ({ method: 'POST', url: `/api/v1/anchors/${pub.anchors[0]!.id}/trigger` }), expect: { anonymous: 200, owner: 200, other: 200 } },
    { name: 'POST /anchors/:id/trigger private', request: () => ({ method: 'POST', url: `/api/v1/anchors/${priv.anchors[0]!.id}/trigger` }), expect: { anonymous: 404, owner: 200, other: 404 } },
    { name: 'GET /anchors/hot', request: () => ({ method: 'GET', url: '/api/v1/anchors/hot' }), expect: { anonymous: 200, owner: 200, other: 200 } },
    {
      name: "POST /videos with the owner's upload",
      request: () => ({
        method: 'POST',
        url: '/api/v1/videos',
        payload: { uploadId: pendingUpload, title: 't', visibility: 'public', anchors: [], idempotencyKey: `matrix-${Math.random().toString(36).slice(2)}` },
      }),
      // The owner's upload is empty, so even the owner is refused, but for a different reason (409, not 404).
      expect: { anonymous: 401, owner: 409, other: 404 },
    },
    { name: 'POST /uploads (create)', request: () => ({ method: 'POST', url: '/api/v1/uploads', headers: { ...tus, 'upload-length': '10' } }), expect: { anonymous: 401, owner: 201, other: 201 } },
    { name: 'HEAD /uploads/:id', request: () => ({ method: 'HEAD', url: `/api/v1/uploads/${pendingUpload}`, headers: tus }), expect: { anonymous: 401, owner: 200, other: 404 } },
    {
      name: 'PATCH /uploads/:id',
      request: () => ({
        method: 'PATCH',
        url: `/api/v1/uploads/${pendingUpload}`,
        headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        payload: Buffer.alloc(0),
      }),
      expect: { anonymous: 401, owner: 204, other: 404 },
    },
    { name: 'POST /auth/logout', request: () => ({ method: 'POST', url: '/api/v1/auth/logout' }), expect: { anonymous: 401, owner: 204, other: 204 } },
  ];

  for (const row of rows) {
    for (const actor of ['anonymous', 'other', 'owner'] as const) {
      test(`${row.name} as ${actor} → ${row.expect[actor]}`, async () => {
        const request = row.request();
        const token = tokens[actor];
        // Logout ends the session: give it a fresh one so later rows keep theirs.
        const bearer =
          row.name === 'POST /auth/logout' && token
            ? (await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: actor, password: 'correct horse' } })).json<{ token: string }>().token
            : token;
        const res = await p.app.inject({ ...request, headers: { ...(request.headers ?? {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } });
        expect(res.statusCode, res.body).toBe(row.expect[actor]);
        if (res.statusCode >= 400 && request.method !== 'HEAD' && !request.url?.toString().includes('/uploads')) {
          expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
      });
    }
  }

  test('the feed shows each caller exactly what it may see', async () => {
    const ids = async (token: string | null) =>
      (await p.app.inject({ method: 'GET', url: '/api/v1/videos', headers: token ? { authorization: `Bearer ${token}` } : {} }))
        .json<{ videos: Video[] }>()
        .videos.map((v) => v.id)
        .sort();
    expect(await ids(null)).toEqual([pub.id]);
    expect(await ids(tokens.other)).toEqual([pub.id, followers.id].sort());
    expect(await ids(tokens.owner)).toEqual([pub.id, followers.id, priv.id].sort());
  });
});
