import { z } from 'zod';
import { type CatalogItem } from '../../catalog/schema';
import { EMPTY_LOOK, withLayer, type Look } from './look';
import { LookIds, type LookLayerIds } from './look-ids';

/**
 * Look presets (issue 16 §2): a look saved under a name and applied in one click. A preset keeps
 * ids, not catalog items, so it is resolved against the catalog of the day when it is applied:
 * an item or shade that left the catalog is skipped and reported, never a crash.
 */

export const LOOK_PRESET_NAME_MAX = 60;
export const LOOK_PRESETS_MAX = 50;

export const LookPresetId = z
  .string()
  .regex(/^lkp_[0-9a-z]{10,40}$/, 'not a look preset id')
  .brand<'LookPresetId'>();
export type LookPresetId = z.output<typeof LookPresetId>;

export type PresetNameProblem = 'empty' | 'tooLong' | 'control';

// Control characters (newlines, tabs, bidi overrides) would make a list row lie about its name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Why `name` (as typed) cannot name a preset, or null when it can; the name is trimmed first. */
export function presetNameProblem(name: string): PresetNameProblem | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'empty';
  if (trimmed.length > LOOK_PRESET_NAME_MAX) return 'tooLong';
  if (CONTROL.test(trimmed)) return 'control';
  return null;
}

/** The key two names clash on: "Evening" and " evening " name the same preset. */
export const presetNameKey = (name: string): string => name.trim().normalize('NFC').toLowerCase();

const NAME_SENTENCES: Readonly<Record<PresetNameProblem, string>> = {
  empty: 'a preset needs a name',
  tooLong: `a preset name is at most ${LOOK_PRESET_NAME_MAX} characters`,
  control: 'a preset name cannot contain line breaks or control characters',
};

/** A preset's name: trimmed, 1–60 characters, no control characters. */
export const LookPresetName = z
  .string()
  .max(1000)
  .transform((name) => name.trim())
  .superRefine((name, ctx) => {
    const problem = presetNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: NAME_SENTENCES[problem] });
  });

/** A preset's layers: at least one (the body areas are checked against the catalog by the service). */
export const PresetLayers = LookIds.min(1, 'an empty look cannot be saved');

export const LookPreset = z.object({
  id: LookPresetId,
  name: LookPresetName,
  layers: PresetLayers,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type LookPreset = z.output<typeof LookPreset>;

/** Two layers that would sit on one body area, by the catalog's items; null when there are none. */
export function areaClash(items: readonly CatalogItem[]): readonly [CatalogItem, CatalogItem] | null {
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) if (items[i]!.bodyArea === items[j]!.bodyArea) return [items[i]!, items[j]!];
  }
  return null;
}

/** Why a stored layer was left off: its item left the catalog, its shade left the item, or an earlier layer took its body area. */
export type SkippedReason = 'item' | 'shade' | 'area';

export interface SkippedLayer {
  readonly layer: LookLayerIds;
  readonly reason: SkippedReason;
}

export interface ResolvedPreset {
  readonly look: Look;
  readonly skipped: readonly SkippedLayer[];
}

/** The look a preset stands for in `catalog`; layers it can no longer wear are skipped and listed. */
export function resolvePreset(layers: readonly LookLayerIds[], catalog: readonly CatalogItem[]): ResolvedPreset {
  let look = EMPTY_LOOK;
  const skipped: SkippedLayer[] = [];
  for (const layer of layers) {
    const item = catalog.find((i) => i.id === layer.itemId);
    const reason: SkippedReason | null = !item ? 'item' : !item.attributes.some((a) => a.id === layer.attributeId) ? 'shade' : look.some((l) => l.item.bodyArea === item.bodyArea) ? 'area' : null;
    if (reason || !item) skipped.push({ layer, reason: reason ?? 'item' });
    else look = withLayer(look, item, layer.attributeId, Number.isFinite(layer.intensity) ? layer.intensity : 1);
  }
  return { look, skipped };
}
