import type { CatalogItem } from '@shared/catalog/schema';
import { areaClash, LOOK_PRESET_NAME_MAX, LOOK_PRESETS_MAX, PresetLayers, presetNameProblem, type LookPreset, type LookPresetId } from '@shared/domain/tryon/look-preset';
import { type LookLayerIds } from '@shared/domain/tryon/look-ids';
import { StudioFailure } from '@shared/ipc/result';
import { newId } from '../ids';
import type { LookPresetsRepository } from './look-presets-repository';

export type LookPresetChange = Readonly<{ presetId: LookPresetId | null; change: 'created' | 'updated' | 'removed' }>;

export type LookPresetsServiceDeps = Readonly<{
  repository: LookPresetsRepository;
  /** The catalog item with this id, or null when the catalog has none. */
  catalogItem: (id: string) => CatalogItem | null;
  now: () => number;
  onChanged?: (change: LookPresetChange) => void;
}>;

export interface SavePresetInput {
  readonly name: string;
  readonly layers: readonly LookLayerIds[];
  /** Replace the layers of the preset that already has this name instead of refusing. */
  readonly overwrite: boolean;
}

/**
 * Owns look presets: checks every name and look (the contract checked their shape already; this
 * checks them again for callers inside main, and against the catalog), then writes in one
 * transaction, so a refusal leaves the stored presets as they were.
 */
export class LookPresetsService {
  constructor(private readonly deps: LookPresetsServiceDeps) {}

  list(): LookPreset[] {
    return this.deps.repository.list();
  }

  save(input: SavePresetInput): LookPreset {
    const name = checkedName(input.name);
    const layers = this.checkedLayers(input.layers);
    const { repository } = this.deps;
    const now = this.deps.now();
    const saved = repository.db.transaction((): { preset: LookPreset; created: boolean } => {
      const existing = repository.idByName(name);
      if (existing && !input.overwrite) throw new StudioFailure('conflict', { key: 'lookPresets.nameTaken', params: { name } });
      if (existing) {
        repository.setLayers(existing, name, layers, now);
        return { preset: this.stored(existing), created: false };
      }
      if (repository.count() >= LOOK_PRESETS_MAX) throw new StudioFailure('conflict', { key: 'lookPresets.full', params: { max: LOOK_PRESETS_MAX } });
      const preset: LookPreset = { id: newId('lkp', now) as LookPresetId, name, layers, createdAt: now, updatedAt: now };
      repository.insert(preset);
      return { preset, created: true };
    })();
    this.deps.onChanged?.({ presetId: saved.preset.id, change: saved.created ? 'created' : 'updated' });
    return saved.preset;
  }

  rename(id: LookPresetId, newName: string): LookPreset {
    const name = checkedName(newName);
    const { repository } = this.deps;
    const preset = repository.db.transaction((): LookPreset => {
      if (!repository.get(id)) throw new StudioFailure('not_found', { key: 'lookPresets.gone' });
      const clash = repository.idByName(name);
      if (clash && clash !== id) throw new StudioFailure('conflict', { key: 'lookPresets.nameTaken', params: { name } });
      repository.rename(id, name, this.deps.now());
      return this.stored(id);
    })();
    this.deps.onChanged?.({ presetId: id, change: 'updated' });
    return preset;
  }

  remove(id: LookPresetId): void {
    if (!this.deps.repository.remove(id)) throw new StudioFailure('not_found', { key: 'lookPresets.gone' });
    this.deps.onChanged?.({ presetId: id, change: 'removed' });
  }

  private stored(id: LookPresetId): LookPreset {
    const preset = this.deps.repository.get(id);
    if (!preset) throw new StudioFailure('not_found', { key: 'lookPresets.gone' });
    return preset;
  }

  /** The layers as stored: shape (one per item, intensities 0–1), then against the catalog (items, shades, one per body area). */
  private checkedLayers(input: readonly LookLayerIds[]): LookLayerIds[] {
    if (input.length === 0) throw new StudioFailure('invalid_input', { key: 'lookPresets.emptyLook' });
    const parsed = PresetLayers.safeParse(input);
    if (!parsed.success) throw new StudioFailure('invalid_input', { key: 'lookPresets.badLook', params: { reason: parsed.error.issues.map((i) => i.message).join('; ') } });
    const items = parsed.data.map((layer) => {
      const item = this.deps.catalogItem(layer.itemId);
      if (!item) throw new StudioFailure('not_found', { key: 'lookPresets.unknownItem', params: { id: layer.itemId } });
      if (!item.attributes.some((a) => a.id === layer.attributeId))
        throw new StudioFailure('invalid_input', { key: 'lookPresets.unknownShade', params: { item: item.name, shade: layer.attributeId } });
      return item;
    });
    const clash = areaClash(items);
    if (clash) throw new StudioFailure('invalid_input', { key: 'lookPresets.sameArea', params: { first: clash[0].name, second: clash[1].name } });
    return parsed.data;
  }
}

function checkedName(name: string): string {
  const problem = presetNameProblem(name);
  switch (problem) {
    case null:
      return name.trim();
    case 'empty':
      throw new StudioFailure('invalid_input', { key: 'lookPresets.nameEmpty' });
    case 'tooLong':
      throw new StudioFailure('invalid_input', { key: 'lookPresets.nameTooLong', params: { max: LOOK_PRESET_NAME_MAX } });
    case 'control':
      throw new StudioFailure('invalid_input', { key: 'lookPresets.nameControl' });
    default: {
      const never: never = problem;
      return never;
    }
  }
}
