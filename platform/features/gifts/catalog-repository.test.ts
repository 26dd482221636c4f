import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../kernel/db/database';
import { testDialect } from '../../test-support/database';
import { testDatabaseUrl } from '../../test-support/postgres';
import { roomsMigrations } from '../rooms/migrations/index';
import { GiftCatalogRepository } from './catalog-repository';
import { GIFT_CATALOG_SEED } from './catalog-seed';
import { giftsMigrations } from './migrations/index';

const migrations = { ...roomsMigrations, ...giftsMigrations };

let db: Db;
let dir: string | null = null;

beforeAll(async () => {
  if (testDialect() === 'postgres') db = await openDatabase({ kind: 'postgres', url: await testDatabaseUrl() }, migrations);
  else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gift-catalog-'));
    db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'platform.sqlite') }, migrations);
  }
});

afterAll(async () => {
  await db.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an entry changed through another node’s repository is read as changed at once; unknown ids read as none', async () => {
  const node = new GiftCatalogRepository(db);
  const otherNode = new GiftCatalogRepository(db);
  await otherNode.upsert(GIFT_CATALOG_SEED);
  const flowers = GIFT_CATALOG_SEED.find((g) => g.id === 'bundle-of-flowers')!;
  expect(await node.byId('bundle-of-flowers')).toEqual(flowers);
  expect(await node.byId('bundle-of-flowers')).toEqual(flowers);
  await otherNode.upsert([{ ...flowers, name: 'A bundle of roses' }]);
  expect(await node.byId('bundle-of-flowers')).toEqual({ ...flowers, name: 'A bundle of roses' });
  expect(await node.byId('no-such-gift')).toBeNull();
  expect((await node.all()).map((g) => g.id)).toEqual(GIFT_CATALOG_SEED.map((g) => g.id));
});
