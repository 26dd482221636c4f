import { z } from 'zod';
import { LookPreset, LookPresetId, LookPresetName, PresetLayers } from '../../domain/tryon/look-preset';
import { event, method, noun } from '../define';

/** A preset changed (saved, renamed, removed): every window lists them afresh. */
const LookPresetsChanged = z.object({ presetId: LookPresetId.nullable(), change: z.enum(['created', 'updated', 'removed']) });

/**
 * Look presets (issue 16 §2): looks saved under a name in the studio's SQLite, applied in one click.
 * Layers cross as ids and intensities (`[{ itemId, attributeId, intensity }]`); main checks them
 * against the catalog (items and shades exist, one item per body area) before storing.
 */
export const lookPresets = noun({
  methods: {
    /** Every preset, by name (case-insensitively). */
    list: method(z.undefined(), z.array(LookPreset)),
    /**
     * A new preset, or with `overwrite` the layers of the one with that name (whatever its case)
     * replaced. Without `overwrite` an existing name is refused (`conflict`), as is a 51st preset.
     */
    save: method(z.strictObject({ name: LookPresetName, layers: PresetLayers, overwrite: z.boolean() }), LookPreset),
    /** Refused (`conflict`) when another preset has the name. */
    rename: method(z.strictObject({ id: LookPresetId, name: LookPresetName }), LookPreset),
    remove: method(z.strictObject({ id: LookPresetId }), z.null()),
  },
  events: {
    changed: event(LookPresetsChanged),
  },
});
