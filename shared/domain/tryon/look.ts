import type { BodyArea, CatalogItem } from '../../catalog/schema';

/**
 * A look (issue 16 §2): several catalog items worn at once, at most one per body area (lips, eyes,
 * cheeks, head, face), each in one of its attributes (shade or colour) and at an intensity 0–1 (how
 * strongly makeup is applied; 3D items are drawn whole). Looks are values: every edit returns a new
 * look, so undo and redo keep the previous ones (LookHistory).
 */
export interface LookLayer {
  readonly item: CatalogItem;
  readonly attributeId: string;
  readonly intensity: number;
}

export type Look = readonly LookLayer[];

/** Drawing order: makeup under 3D, 3D glasses under a hat's brim. */
const AREA_ORDER: Readonly<Record<BodyArea, number>> = { cheeks: 0, eyes: 1, lips: 2, face: 3, head: 4 };

export const EMPTY_LOOK: Look = [];

function clampIntensity(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
}

/** The look with `layer` on: it replaces whatever was on its body area. Unknown attributes are refused. */
export function withLayer(look: Look, item: CatalogItem, attributeId: string, intensity = 1): Look {
  if (!item.attributes.some((a) => a.id === attributeId)) throw new Error(`${item.id} has no attribute ${attributeId}`);
  const layer: LookLayer = { item, attributeId, intensity: clampIntensity(intensity) };
  return [...look.filter((l) => l.item.bodyArea !== item.bodyArea), layer].sort((a, b) => AREA_ORDER[a.item.bodyArea] - AREA_ORDER[b.item.bodyArea]);
}

/** One item alone in one of its attributes (its first when `attributeId` is not one of them); none without an item. */
export function singleItemLook(item: CatalogItem | null, attributeId: string | null): Look {
  const attribute = item?.attributes.find((a) => a.id === attributeId) ?? item?.attributes[0];
  return item && attribute ? withLayer(EMPTY_LOOK, item, attribute.id) : EMPTY_LOOK;
}

/** The look without its layer on `area` (the others stay). */
export function withoutArea(look: Look, area: BodyArea): Look {
  return look.some((l) => l.item.bodyArea === area) ? look.filter((l) => l.item.bodyArea !== area) : look;
}

/** The look with the intensity of its layer on `area` changed (clamped to 0–1); unchanged if absent. */
export function withIntensity(look: Look, area: BodyArea, intensity: number): Look {
  return look.map((l) => (l.item.bodyArea === area ? { ...l, intensity: clampIntensity(intensity) } : l));
}

/** A stable key of what is drawn ("item/attribute@intensity" per layer), e.g. for tests and change checks. */
export function lookKey(look: Look): string {
  return look.length === 0 ? 'none' : look.map((l) => `${l.item.id}/${l.attributeId}${l.intensity === 1 ? '' : `@${l.intensity.toFixed(2)}`}`).join('+');
}

/** Undo/redo over looks (Ctrl+Z / Ctrl+Shift+Z in the studio): a bounded list of past looks. */
export class LookHistory {
  private past: Look[] = [];
  private future: Look[] = [];

  constructor(
    private present: Look = EMPTY_LOOK,
    private readonly limit = 100,
  ) {}

  get current(): Look {
    return this.present;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Makes `look` current; the previous one can be undone. A look equal to the current is ignored. */
  apply(look: Look): Look {
    if (lookKey(look) === lookKey(this.present)) return this.present;
    this.past.push(this.present);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.present = look;
    return look;
  }

  /**
   * Makes `look` current without a new undo step: one slider drag is one step, whatever the number
   * of values it went through. With nothing to undo yet it is the same as `apply`.
   */
  amend(look: Look): Look {
    if (this.past.length === 0) return this.apply(look);
    this.future = [];
    this.present = look;
    return look;
  }

  undo(): Look {
    const previous = this.past.pop();
    if (previous === undefined) return this.present;
    this.future.push(this.present);
    this.present = previous;
    return previous;
  }

  redo(): Look {
    const next = this.future.pop();
    if (next === undefined) return this.present;
    this.past.push(this.present);
    this.present = next;
    return next;
  }
}
