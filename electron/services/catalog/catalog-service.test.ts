import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogItemId } from '@shared/catalog/schema';
import { StudioFailure } from '@shared/ipc/result';
import { openDatabase } from '../db/open-database';
import { migrations } from '../db/migrations';
import { createLogger } from '../logger';
import { CatalogService, locateCatalogFile } from './catalog-service';

const logger = createLogger('test', 'error');
const dirs: string[] = [];

function freshDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'catalog-test-'));
  dirs.push(dir);
  return { dir, db: openDatabase(path.join(dir, 'studio.db'), migrations, logger, () => 0).db };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('CatalogService on a real SQLite file', () => {
  it('loads the bundled catalog through migration 0020 and lists it back, equal to the file', () => {
    const { db } = freshDb();
    const service = new CatalogService(db, locateCatalogFile(), logger, () => 1000);
    const items = service.list();
    const file = JSON.parse(readFileSync(locateCatalogFile(), 'utf8')) as { items: { id: string; attributes: unknown[] }[] };
    expect(items.map((i) => i.id)).toEqual(file.items.map((i) => i.id));
    expect(items.find((i) => i.id === 'velvet-rouge-lipstick')?.attributes[0]).toEqual({
      id: 'classic-red',
      label: 'Classic Red',
      swatch: '#b3121f',
      colour: '#b3121f',
      opacity: 0.8,
      finish: 'matte',
    });
    const fedora = service.get(CatalogItemId.parse('classic-fedora'));
    expect(fedora).toMatchObject({ materialType: 'model3d', model: 'accessories/hat-fedora.glb', bodyArea: 'head' });
    expect(db.prepare('SELECT count(*) AS n FROM catalog_attributes').get()).toEqual({ n: file.items.reduce((n, i) => n + i.attributes.length, 0) });
    db.close();
  });

  it('reloading replaces bundled rows instead of duplicating them, and keeps platform rows', () => {
    const { db } = freshDb();
    const service = new CatalogService(db, locateCatalogFile(), logger);
    const count = service.loadBundled();
    db.prepare(
      `INSERT INTO catalog_items (id, position, kind, material_type, body_area, name, brand, model, source, loaded_at) VALUES ('platform-gloss', 99, 'lipstick', 'sticker2d', 'lips', 'P', 'B', NULL, 'platform', 0)`,
    ).run();
    db.prepare(
      `INSERT INTO catalog_attributes (item_id, id, position, label, swatch, params) VALUES ('platform-gloss', 'red', 0, 'Red', '#ff0000', '{"colour":"#ff0000","opacity":0.5,"finish":"gloss"}')`,
    ).run();
    expect(service.loadBundled()).toBe(count);
    expect(service.list()).toHaveLength(count + 1);
    db.close();
  });

  it('refuses an invalid catalog with a readable error and writes nothing', () => {
    const { dir, db } = freshDb();
    const bad = path.join(dir, 'catalog.json');
    writeFileSync(
      bad,
      JSON.stringify({
        version: 1,
        items: [
          {
            id: 'x-lip',
            name: 'X',
            brand: 'B',
            kind: 'lipstick',
            materialType: 'sticker2d',
            bodyArea: 'cheeks',
            attributes: [{ id: 'aa', label: 'A', swatch: '#000000', colour: '#000000', opacity: 1, finish: 'matte' }],
          },
        ],
      }),
    );
    const service = new CatalogService(db, bad, logger);
    expect(() => service.list()).toThrow(StudioFailure);
    expect(() => service.list()).toThrow(/bodyArea: a lipstick is worn on the lips/);
    expect(db.prepare('SELECT count(*) AS n FROM catalog_items').get()).toEqual({ n: 0 });
    writeFileSync(bad, '{ not json');
    expect(() => service.loadBundled()).toThrow(/could not be read/);
    db.close();
  });

  it('answers not_found for an unknown item', () => {
    const { db } = freshDb();
    const service = new CatalogService(db, locateCatalogFile(), logger);
    expect(() => service.get(CatalogItemId.parse('no-such-item'))).toThrow(/no catalog item/);
    db.close();
  });
});
