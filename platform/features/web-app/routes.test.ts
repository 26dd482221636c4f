import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../kernel/http/error-handling';
import { webAppFeature } from './routes';
import { resolveUnder } from '../../kernel/http/static-paths';
import { isAppPath } from './web-files';

const INDEX = '<!doctype html><html><head><script type="module" crossorigin src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

async function serve(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorHandling(app);
  app.get('/api/v1/videos', async () => ({ videos: [] }));
  await app.register(webAppFeature, { dir });
  await app.ready();
  return app;
}

describe('web app feature', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'web-app-'));
    mkdirSync(path.join(dir, 'assets'));
    mkdirSync(path.join(dir, 'models'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'models', 'facemesh.json'), '{"format":"graph-model"}');
    writeFileSync(path.join(os.tmpdir(), 'web-app-secret.txt'), 'secret');
    app = await serve(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app at / and at every page path, revalidated, with a CSP that allows no inline script', async () => {
    for (const url of ['/', '/wallet', '/@ana_b', '/v/vid_abc/try/anc_def', '/messages/cnv_123?x=1', '/signin?next=%2Fwallet']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('caches hashed assets for a year and other files for an hour; answers 304 to a matching ETag', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const model = await app.inject({ url: '/models/facemesh.json' });
    expect(model.headers['cache-control']).toBe('public, max-age=3600');
    expect(model.json()).toEqual({ format: 'graph-model' });
    const again = await app.inject({ url: '/assets/index-abc123.js', headers: { 'if-none-match': String(asset.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('gzips scripts for a browser that accepts it, once per file version', async () => {
    const big = `export const words = ${JSON.stringify('anchor '.repeat(4000))};\n`;
    writeFileSync(path.join(dir, 'assets', 'big-def456.js'), big);
    const plain = await app.inject({ url: '/assets/big-def456.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(big);
    for (let i = 0; i < 2; i++) {
      const zipped = await app.inject({ url: '/assets/big-def456.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      expect(Number(zipped.headers['content-length'])).toBeLessThan(big.length / 10);
      expect(gunzipSync(zipped.rawPayload).toString()).toBe(big);
    }
  });

  it('leaves the API alone: routes answer, an unknown API path is the JSON 404', async () => {
    expect((await app.inject({ url: '/api/v1/videos' })).json()).toEqual({ videos: [] });
    const unknown = await app.inject({ url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers 404 for a missing file and never serves outside its folder', async () => {
    expect((await app.inject({ url: '/assets/missing-000.js' })).statusCode).toBe(404);
    for (const url of ['/../web-app-secret.txt', '/%2e%2e/web-app-secret.txt', '/assets/..%2f..%2fweb-app-secret.txt', '/%00index.html']) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('secret');
    }
    expect(resolveUnder('/srv/app', '/../etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(resolveUnder('/srv/app', '/a%5c..%5cb')).toBeNull();
  });

  it('says how to build the app when it is not built', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'web-app-empty-'));
    const bare = await serve(empty);
    try {
      const res = await bare.inject({ url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build:viewer');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('treats extensionless paths outside /api as pages', () => {
    expect(isAppPath('/')).toBe(true);
    expect(isAppPath('/v/vid_1')).toBe(true);
    expect(isAppPath('/assets/x.js')).toBe(false);
    expect(isAppPath('/api/v1/videos')).toBe(false);
    expect(isAppPath('/api')).toBe(false);
  });
});
