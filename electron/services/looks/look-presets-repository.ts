import type Database from 'better-sqlite3';
import { LookPreset, presetNameKey, type LookPresetId } from '@shared/domain/tryon/look-preset';
import { type LookLayerIds } from '@shared/domain/tryon/look-ids';
import type { Logger } from '../logger';

interface PresetRow {
  id: string;
  name: string;
  layers_json: string;
  created_at: number;
  updated_at: number;
}

/** Owns the look_presets table's SQL; knows nothing about the catalog. */
export class LookPresetsRepository {
  private readonly stmts;

  constructor(
    readonly db: Database.Database,
    private readonly logger: Logger,
  ) {
    this.stmts = {
      list: db.prepare<[], PresetRow>('SELECT id, name, layers_json, created_at, updated_at FROM look_presets ORDER BY name_key, id'),
      get: db.prepare<[string], PresetRow>('SELECT id, name, layers_json, created_at, updated_at FROM look_presets WHERE id = ?'),
      byName: db.prepare<[string], PresetRow>('SELECT id, name, layers_json, created_at, updated_at FROM look_presets WHERE name_key = ?'),
      count: db.prepare<[], number>('SELECT count(*) FROM look_presets').pluck(),
      insert: db.prepare<[string, string, string, string, number, number]>('INSERT INTO look_presets (id, name, name_key, layers_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      setLayers: db.prepare<[string, string, string, number, string]>('UPDATE look_presets SET name = ?, name_key = ?, layers_json = ?, updated_at = ? WHERE id = ?'),
      rename: db.prepare<[string, string, number, string]>('UPDATE look_presets SET name = ?, name_key = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare<[string]>('DELETE FROM look_presets WHERE id = ?'),
    };
  }

  /** A row an older or hand-edited database holds that no longer fits is left out (and logged), never a broken list. */
  private fromRow(row: PresetRow | undefined): LookPreset | null {
    if (!row) return null;
    let layers: unknown;
    try {
      layers = JSON.parse(row.layers_json);
    } catch {
      layers = null;
    }
    const parsed = LookPreset.safeParse({ id: row.id, name: row.name, layers, createdAt: row.created_at, updatedAt: row.updated_at });
    if (parsed.success) return parsed.data;
    this.logger.warn('ignoring a stored look preset that no longer fits', { id: row.id });
    return null;
  }

  list(): LookPreset[] {
    return this.stmts.list.all().flatMap((row) => this.fromRow(row) ?? []);
  }

  get(id: LookPresetId): LookPreset | null {
    return this.fromRow(this.stmts.get.get(id));
  }

  /** The preset whose name clashes with `name` (case-insensitively), stored well or not: its id. */
  idByName(name: string): LookPresetId | null {
    return (this.stmts.byName.get(presetNameKey(name))?.id as LookPresetId | undefined) ?? null;
  }

  count(): number {
    return this.stmts.count.get() ?? 0;
  }

  insert(preset: LookPreset): void {
    this.stmts.insert.run(preset.id, preset.name, presetNameKey(preset.name), JSON.stringify(preset.layers), preset.createdAt, preset.updatedAt);
  }

  setLayers(id: LookPresetId, name: string, layers: readonly LookLayerIds[], now: number): void {
    this.stmts.setLayers.run(name, presetNameKey(name), JSON.stringify(layers), now, id);
  }

  rename(id: LookPresetId, name: string, now: number): void {
    this.stmts.rename.run(name, presetNameKey(name), now, id);
  }

  remove(id: LookPresetId): boolean {
    return this.stmts.remove.run(id).changes > 0;
  }
}
