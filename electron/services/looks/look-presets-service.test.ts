import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import shipped from '../../../resources/catalog/catalog.json';
import { Catalog, type CatalogItem } from '@shared/catalog/schema';
import { lookKey } from '@shared/domain/tryon/look';
import { LOOK_PRESETS_MAX, resolvePreset, type LookPresetId } from '@shared/domain/tryon/look-preset';
import { type LookLayerIds } from '@shared/domain/tryon/look-ids';
import { contract } from '@shared/ipc/contract';
import { createDispatch } from '@shared/ipc/dispatch';
import type { HandlersOf } from '@shared/ipc/define';
import { StudioFailure } from '@shared/ipc/result';
import { openDatabase } from '../db/open-database';
import { migrations } from '../db/migrations';
import { createMemoryLogger } from '../logger';
import { lookPresetHandlers } from './handlers';
import { LookPresetsRepository } from './look-presets-repository';
import { LookPresetsService, type LookPresetChange } from './look-presets-service';

const catalog = Catalog.parse(shipped);
const layer = (itemId: string, attributeId: string, intensity = 1) => ({ itemId, attributeId, intensity }) as LookLayerIds;
const lipsAndFrames = [layer('velvet-rouge-lipstick', 'brick', 0.6), layer('round-frames', 'gold')];

let dataDir: string;
let dbFile: string;
let db: Database.Database;
let service: LookPresetsService;
let items: CatalogItem[];
let changes: LookPresetChange[];
let clock: number;

function open(): void {
  ({ db } = openDatabase(dbFile, migrations, createMemoryLogger(), () => clock));
  service = new LookPresetsService({
    repository: new LookPresetsRepository(db, createMemoryLogger()),
    catalogItem: (id) => items.find((i) => i.id === id) ?? null,
    now: () => clock,
    onChanged: (change) => changes.push(change),
  });
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-looks-'));
  dbFile = path.join(dataDir, 'studio.db');
  clock = 1_700_000_000_000;
  items = [...catalog.items];
  changes = [];
  open();
});
afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The refusal's code and key; the stored presets must be exactly as before it. */
function refusal(action: () => unknown): string {
  const before = JSON.stringify(service.list());
  const changesBefore = changes.length;
  let outcome = 'no error';
  try {
    action();
  } catch (error) {
    outcome = error instanceof StudioFailure ? `${error.code} ${error.key}` : `not a StudioFailure: ${String(error)}`;
  }
  expect(JSON.stringify(service.list())).toBe(before);
  expect(changes.length).toBe(changesBefore);
  return outcome;
}

describe('LookPresetsService', () => {
  it('saves a look, lists it after a restart, and resolves it back to the same look', () => {
    const saved = service.save({ name: '  Evening  ', layers: lipsAndFrames, overwrite: false });
    expect(saved).toMatchObject({ name: 'Evening', layers: lipsAndFrames, createdAt: clock, updatedAt: clock });
    expect(saved.id).toMatch(/^lkp_/);
    db.close();
    open();
    expect(service.list()).toEqual([saved]);
    expect(lookKey(resolvePreset(service.list()[0]!.layers, items).look)).toBe('velvet-rouge-lipstick/brick@0.60+round-frames/gold');
    expect(JSON.parse(db.prepare('SELECT layers_json FROM look_presets').pluck().get() as string)).toEqual(lipsAndFrames);
    expect(changes).toEqual([{ presetId: saved.id, change: 'created' }]);
  });

  it('overwrites by name (any case) only when asked, keeping the id and creation time', () => {
    const first = service.save({ name: 'Evening', layers: lipsAndFrames, overwrite: false });
    expect(refusal(() => service.save({ name: 'EVENING', layers: [layer('classic-fedora', 'camel')], overwrite: false }))).toBe('conflict lookPresets.nameTaken');
    clock += 1000;
    const second = service.save({ name: 'evening', layers: [layer('classic-fedora', 'camel')], overwrite: true });
    expect(second).toEqual({ id: first.id, name: 'evening', layers: [layer('classic-fedora', 'camel')], createdAt: first.createdAt, updatedAt: clock });
    expect(service.list()).toEqual([second]);
    expect(changes.map((c) => c.change)).toEqual(['created', 'updated']);
  });

  it('renames and deletes; refuses a taken name, an unknown id, and a bad name', () => {
    const a = service.save({ name: 'Day', layers: lipsAndFrames, overwrite: false });
    const b = service.save({ name: 'Night', layers: [layer('classic-fedora', 'camel')], overwrite: false });
    clock += 5;
    expect(service.rename(a.id, ' Brunch ')).toMatchObject({ id: a.id, name: 'Brunch', updatedAt: clock, layers: lipsAndFrames });
    expect(service.rename(a.id, 'BRUNCH').name).toBe('BRUNCH');
    expect(refusal(() => service.rename(a.id, 'night'))).toBe('conflict lookPresets.nameTaken');
    expect(refusal(() => service.rename(a.id, '   '))).toBe('invalid_input lookPresets.nameEmpty');
    expect(refusal(() => service.rename('lkp_0000000000nothere' as LookPresetId, 'X'))).toBe('not_found lookPresets.gone');
    expect(service.list().map((p) => p.name)).toEqual(['BRUNCH', 'Night']);
    service.remove(b.id);
    expect(service.list().map((p) => p.id)).toEqual([a.id]);
    expect(refusal(() => service.remove(b.id))).toBe('not_found lookPresets.gone');
    expect(changes.at(-1)).toEqual({ presetId: b.id, change: 'removed' });
  });

  it('refuses bad names, empty looks, two layers on one body area, unknown items, shades and intensities, leaving the presets unchanged', () => {
    service.save({ name: 'Kept', layers: lipsAndFrames, overwrite: false });
    const save = (name: string, layers: LookLayerIds[]) => () => service.save({ name, layers, overwrite: true });
    expect(refusal(save('', lipsAndFrames))).toBe('invalid_input lookPresets.nameEmpty');
    expect(refusal(save('x'.repeat(61), lipsAndFrames))).toBe('invalid_input lookPresets.nameTooLong');
    expect(refusal(save('two\nlines', lipsAndFrames))).toBe('invalid_input lookPresets.nameControl');
    expect(refusal(save('Kept', []))).toBe('invalid_input lookPresets.emptyLook');
    expect(refusal(save('Kept', [layer('velvet-rouge-lipstick', 'brick'), layer('glass-gloss-lip', 'cherry-gloss')]))).toBe('invalid_input lookPresets.sameArea');
    expect(refusal(save('Kept', [layer('velvet-rouge-lipstick', 'brick'), layer('velvet-rouge-lipstick', 'brick')]))).toBe('invalid_input lookPresets.badLook');
    expect(refusal(save('Kept', [layer('velvet-rouge-lipstick', 'brick', 1.5)]))).toBe('invalid_input lookPresets.badLook');
    expect(refusal(save('Kept', [layer('velvet-rouge-lipstick', 'brick', Number.NaN)]))).toBe('invalid_input lookPresets.badLook');
    expect(refusal(save('Kept', [layer('no-such-item', 'brick')]))).toBe('not_found lookPresets.unknownItem');
    expect(refusal(save('Kept', [layer('round-frames', 'brick')]))).toBe('invalid_input lookPresets.unknownShade');
    expect(service.list()[0]!.layers).toEqual(lipsAndFrames);
  });

  it(`keeps at most ${LOOK_PRESETS_MAX} presets; overwriting one still works at the cap`, () => {
    for (let i = 0; i < LOOK_PRESETS_MAX; i++) service.save({ name: `Look ${String(i).padStart(2, '0')}`, layers: lipsAndFrames, overwrite: false });
    expect(refusal(() => service.save({ name: 'One more', layers: lipsAndFrames, overwrite: true }))).toBe('conflict lookPresets.full');
    expect(service.save({ name: 'look 07', layers: [layer('classic-fedora', 'camel')], overwrite: true }).layers).toEqual([layer('classic-fedora', 'camel')]);
    expect(service.list()).toHaveLength(LOOK_PRESETS_MAX);
    service.remove(service.list()[0]!.id);
    expect(service.save({ name: 'One more', layers: lipsAndFrames, overwrite: false }).name).toBe('One more');
  });

  it('resolves a preset whose items or shades left the catalog: those layers are skipped and reported', () => {
    const saved = service.save({ name: 'Full', layers: [layer('velvet-rouge-lipstick', 'brick'), layer('round-frames', 'gold'), layer('classic-fedora', 'camel')], overwrite: false });
    items = items.filter((i) => i.id !== 'round-frames').map((i) => (i.id === 'classic-fedora' ? { ...i, attributes: i.attributes.filter((a) => a.id !== 'camel') } : i)) as CatalogItem[];
    const { look, skipped } = resolvePreset(service.list().find((p) => p.id === saved.id)!.layers, items);
    expect(lookKey(look)).toBe('velvet-rouge-lipstick/brick');
    expect(skipped.map((s) => `${s.layer.itemId}:${s.reason}`)).toEqual(['round-frames:item', 'classic-fedora:shade']);
  });

  it('lists around a stored row that no longer fits instead of failing', () => {
    const kept = service.save({ name: 'Kept', layers: lipsAndFrames, overwrite: false });
    db.prepare("INSERT INTO look_presets (id, name, name_key, layers_json, created_at, updated_at) VALUES ('lkp_0000000000broken', 'Broken', 'broken', '[{\"itemId\":\"X\"}]', 1, 1)").run();
    expect(service.list()).toEqual([kept]);
  });
});

describe('the lookPresets noun', () => {
  it('validates at the boundary: a bad name, an empty look, an intensity out of range or a whole catalog item never reach the service', async () => {
    const dispatch = createDispatch(contract, lookPresetHandlers(service) as unknown as HandlersOf<typeof contract>);
    const saved = await dispatch('lookPresets.save', { name: ' Evening ', layers: lipsAndFrames, overwrite: false });
    expect(saved).toMatchObject({ ok: true, value: { name: 'Evening', layers: lipsAndFrames } });
    const bad = [
      { name: '', layers: lipsAndFrames, overwrite: false },
      { name: 'x'.repeat(61), layers: lipsAndFrames, overwrite: false },
      { name: 'A', layers: [], overwrite: false },
      { name: 'A', layers: [layer('velvet-rouge-lipstick', 'brick', 2)], overwrite: false },
      { name: 'A', layers: [{ ...layer('velvet-rouge-lipstick', 'brick'), item: catalog.items[0] }], overwrite: false },
      { name: 'A', layers: [layer('velvet-rouge-lipstick', 'brick'), layer('velvet-rouge-lipstick', 'nude')], overwrite: false },
      { name: 'A', layers: lipsAndFrames },
    ];
    for (const input of bad) expect(await dispatch('lookPresets.save', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('lookPresets.rename', { id: '../etc', name: 'B' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('lookPresets.save', { name: 'evening', layers: lipsAndFrames, overwrite: false })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'lookPresets.nameTaken' } });
    expect(await dispatch('lookPresets.list', undefined)).toMatchObject({ ok: true, value: [{ name: 'Evening' }] });
  });
});
