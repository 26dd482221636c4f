import type { CatalogItem } from '@shared/catalog/schema';
import type { Look } from '@shared/domain/tryon/look';
import { presetNameKey, resolvePreset, type LookPreset } from '@shared/domain/tryon/look-preset';
import { type LookLayerIds } from '@shared/domain/tryon/look-ids';
import { itemName, shadeLabel } from '../../i18n/catalog-names';

/** One swatch of a preset's row: its shade's colour and names, or a gap for a layer the catalog lost. */
export interface PresetSwatch {
  readonly key: string;
  /** null: the item or its shade is no longer in the catalog. */
  readonly colour: string | null;
  /** "Velvet Rouge · Brick" in the interface language; null when missing. */
  readonly label: string | null;
}

export function presetSwatches(layers: readonly LookLayerIds[], catalog: readonly CatalogItem[]): PresetSwatch[] {
  return layers.map((layer) => {
    const item = catalog.find((i) => i.id === layer.itemId);
    const shade = item?.attributes.find((a) => a.id === layer.attributeId);
    return { key: `${layer.itemId}/${layer.attributeId}`, colour: shade?.swatch ?? null, label: item && shade ? `${itemName(item)} · ${shadeLabel(item, shade)}` : null };
  });
}

/** The preset (other than `exceptId`) that `name` would clash with, case-insensitively; null when none. */
export const presetNamed = (presets: readonly LookPreset[], name: string, exceptId?: string): LookPreset | null =>
  presets.find((p) => p.id !== exceptId && presetNameKey(p.name) === presetNameKey(name)) ?? null;

/** What one click on a preset wears: its look in today's catalog (null when nothing of it is left) and how many layers were left off. */
export function presetToApply(preset: LookPreset, catalog: readonly CatalogItem[]): Readonly<{ look: Look | null; skipped: number }> {
  const { look, skipped } = resolvePreset(preset.layers, catalog);
  return { look: look.length > 0 ? look : null, skipped: skipped.length };
}
