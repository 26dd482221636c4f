import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { startEmbeddedPlatform } from './embedded';

test('the embedded platform listens on loopback with the seeded catalog and demo viewers', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'embedded-'));
  const platform = await startEmbeddedPlatform({ dataDir: dir, resourcesDir: path.resolve(import.meta.dirname, '../resources') });
  try {
    expect(new URL(platform.url).hostname).toBe('127.0.0.1');
    const items = (await (await fetch(`${platform.url}/api/v1/items`)).json()) as { items: { id: string }[] };
    expect(items.items.length).toBeGreaterThanOrEqual(9);
    const login = await fetch(`${platform.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'viewer_ben', password: 'demo-viewer-pass' }),
    });
    expect(login.status).toBe(200);
  } finally {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
