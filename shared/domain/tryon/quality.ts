/**
 * Rendering quality tiers (issue 16 §6). High: physically based materials with the room's
 * reflections, and each model's full mesh. Fast: Lambert (diffuse) materials lit per vertex, no
 * environment reflections, and the lighter mesh each model carries for it (a software rasteriser pays
 * per triangle) — what a software rasteriser can draw within the frame budget. The user chooses Auto, High or Fast; Auto keeps High on
 * a GPU and, on a software rasteriser, measures High's drawing at start and drops to Fast when it
 * would exceed the budget.
 */
export type QualitySetting = 'auto' | 'high' | 'fast';
export type QualityTier = 'high' | 'fast';

/** A frame (inference + drawing) may cost this many inferences. */
export const FRAME_BUDGET_RATIO = 1.3;
/** Frames with a 3D look drawn in High before Auto decides on a software rasteriser. */
export const AUTO_SAMPLE_FRAMES = 12;

export interface QualityInput {
  readonly setting: QualitySetting;
  readonly softwareRenderer: boolean;
  /** Median drawing time (ms) of High over the sampled frames; null while not measured yet. */
  readonly highDrawMs: number | null;
  /** Median inference time (ms) over the same frames; null while not measured yet. */
  readonly inferenceMs: number | null;
}

/** The tier to draw with now: the user's choice, or Auto's decision from what was measured. */
export function chooseQuality({ setting, softwareRenderer, highDrawMs, inferenceMs }: QualityInput): QualityTier {
  switch (setting) {
    case 'high':
    case 'fast':
      return setting;
    case 'auto': {
      if (!softwareRenderer) return 'high';
      // Not measured yet: High, so it can be measured.
      if (highDrawMs === null || inferenceMs === null || !(inferenceMs > 0)) return 'high';
      return inferenceMs + highDrawMs <= FRAME_BUDGET_RATIO * inferenceMs ? 'high' : 'fast';
    }
    default: {
      const never: never = setting;
      throw new Error(`unknown quality setting ${String(never)}`);
    }
  }
}

/** Median of the first `count` values of `values` (ms samples); NaN when empty. Sorts a copy. */
export function median(values: ArrayLike<number>, count: number): number {
  if (count <= 0) return NaN;
  const sorted = Array.from({ length: count }, (_, i) => values[i]!).sort((a, b) => a - b);
  return count % 2 ? sorted[(count - 1) / 2]! : (sorted[count / 2 - 1]! + sorted[count / 2]!) / 2;
}
