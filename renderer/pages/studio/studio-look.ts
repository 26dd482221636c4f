import type { BodyArea, CatalogItem } from '@shared/catalog/schema';
import { anchorLook } from '@shared/domain/tryon/anchor-look';
import { EMPTY_LOOK, LookHistory, lookKey, singleItemLook, withIntensity, withLayer, withoutArea, type Look, type LookLayer } from '@shared/domain/tryon/look';

/** What the Studio page shows and acts on: the worn look, its current layer, and what undo can do. */
export interface StudioLookView {
  readonly look: Look;
  /**
   * The layer the shade chips, ←/→, the hands-free triggers, Take photo and "Item experience" act
   * on: the item chosen last or the layer clicked. Null exactly when nothing is worn.
   */
  readonly current: LookLayer | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

const EMPTY_VIEW: StudioLookView = { look: EMPTY_LOOK, current: null, canUndo: false, canRedo: false };

/** The layer of `look` that differs from `before` (put on, changed), if one does. */
function changedLayer(before: Look, look: Look): LookLayer | undefined {
  const keys = new Set(before.map((l) => lookKey([l])));
  return look.find((l) => !keys.has(lookKey([l])));
}

/**
 * The studio's look state (issue 16 §2): a look in layers, one item per body area, edited through
 * intents with undo/redo (LookHistory), plus which layer is current. Plain data in, a new view out;
 * React reads it through `subscribe`/`view` (useSyncExternalStore).
 */
export class StudioLookState {
  private history: LookHistory;
  private currentId: string | null;
  /** The body area whose intensity the last edit changed: further changes to it amend that step. */
  private sliding: BodyArea | null = null;
  private snapshot: StudioLookView = EMPTY_VIEW;
  private readonly listeners = new Set<() => void>();

  constructor(look: Look = EMPTY_LOOK, currentId: string | null = null) {
    this.history = new LookHistory(look);
    this.currentId = currentId;
    this.publish();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getView = (): StudioLookView => this.snapshot;

  get view(): StudioLookView {
    return this.snapshot;
  }

  /** Starts over on `look` (an anchor's, the look worn before): nothing to undo. */
  reset(look: Look, currentId: string | null): void {
    this.history = new LookHistory(look);
    this.currentId = currentId;
    this.sliding = null;
    this.publish();
  }

  /**
   * Puts `item` on in its body area (replacing what was there), the others kept, and makes it
   * current. Without a shade, an item already worn keeps its own; a new one starts on its first.
   */
  choose(item: CatalogItem, attributeId?: string): void {
    const worn = this.view.look.find((l) => l.item.id === item.id);
    const shade = (attributeId !== undefined && item.attributes.some((a) => a.id === attributeId) ? attributeId : undefined) ?? worn?.attributeId ?? item.attributes[0]?.id;
    if (shade === undefined) return;
    this.currentId = item.id;
    this.commit(withLayer(this.view.look, item, shade, worn?.intensity ?? 1));
  }

  /** The current layer in another of its shades, at the same intensity. */
  shade(attributeId: string): void {
    const current = this.view.current;
    if (!current || !current.item.attributes.some((a) => a.id === attributeId)) return;
    this.commit(withLayer(this.view.look, current.item, attributeId, current.intensity));
  }

  /** How strongly the layer on `area` is applied (0–1); a run of changes to one layer is one undo step. */
  intensity(area: BodyArea, value: number): void {
    const layer = this.view.look.find((l) => l.item.bodyArea === area);
    if (!layer) return;
    this.currentId = layer.item.id;
    const look = withIntensity(this.view.look, area, value);
    if (lookKey(look) === lookKey(this.view.look)) {
      this.publish();
      return;
    }
    if (this.sliding === area) {
      this.history.amend(look);
      this.publish();
    } else {
      this.commit(look);
      this.sliding = area;
    }
  }

  /** Takes off the layer on `area`; the others stay. The current layer, if it was that one, becomes the last left. */
  remove(area: BodyArea): void {
    this.commit(withoutArea(this.view.look, area));
  }

  /** "No look": everything off (one undo step brings it all back). */
  clear(): void {
    this.commit(EMPTY_LOOK);
  }

  /** A whole look at once (a preset): one undo step; its last layer becomes current. */
  apply(look: Look): void {
    this.currentId = look[look.length - 1]?.item.id ?? null;
    this.commit(look);
  }

  /** Makes a worn item current (clicking its layer); nothing else changes. */
  select(itemId: string): void {
    if (!this.view.look.some((l) => l.item.id === itemId) || itemId === this.currentId) return;
    this.currentId = itemId;
    this.sliding = null;
    this.publish();
  }

  undo(): void {
    this.travel(() => this.history.undo());
  }

  redo(): void {
    this.travel(() => this.history.redo());
  }

  /** Undo or redo: the layer that came back or changed becomes current, so its shades show. */
  private travel(step: () => Look): void {
    const before = this.history.current;
    const look = step();
    if (look === before) return;
    const changed = changedLayer(before, look);
    if (changed) this.currentId = changed.item.id;
    this.sliding = null;
    this.publish();
  }

  private commit(look: Look): void {
    this.history.apply(look);
    this.sliding = null;
    this.publish();
  }

  private publish(): void {
    const look = this.history.current;
    const current = look.find((l) => l.item.id === this.currentId) ?? look[look.length - 1] ?? null;
    this.currentId = current?.item.id ?? null;
    const next: StudioLookView = { look, current, canUndo: this.history.canUndo, canRedo: this.history.canRedo };
    const same = this.snapshot.look === next.look && this.snapshot.current === next.current && this.snapshot.canUndo === next.canUndo && this.snapshot.canRedo === next.canRedo;
    if (same) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/** A look asked for by ids: an anchor's deep link (with its linked items) or the item handed back from Shoot. */
export interface LookRequest {
  readonly itemId: string | null;
  readonly attributeId: string | null;
  readonly withItemIds?: readonly string[];
}

/**
 * The look a request stands for in this catalog: the item in its shade (else its first) and each
 * linked item, one per body area (`anchorLook`); unknown ids are left out. The item is current.
 */
export function requestedLook(items: readonly CatalogItem[], request: LookRequest): { look: Look; currentId: string | null } {
  const item = items.find((i) => i.id === request.itemId);
  if (!item) return { look: EMPTY_LOOK, currentId: null };
  const linked = (request.withItemIds ?? []).map((id) => items.find((i) => i.id === id)).filter((i): i is CatalogItem => i !== undefined);
  const look = linked.length > 0 ? anchorLook([item, ...linked], request.attributeId).look : singleItemLook(item, request.attributeId);
  return { look, currentId: item.id };
}

/** The item and shade as a key: what was handed to Shoot when the Studio was left. */
export const requestKey = (request: LookRequest): string => `${request.itemId ?? ''}/${request.attributeId ?? ''}`;

/** How the Studio opens: on the look kept from before (`reuse`) or a new one, and what to wear then. */
export interface OpeningPlan {
  readonly reuse: boolean;
  readonly request: LookRequest | null;
}

/**
 * An anchor's link wins (a new look); else the look kept from the last visit, with the item/shade
 * handed back if Shoot changed it since; else the item handed over (or nothing).
 */
export function openingPlan(asked: LookRequest | null, kept: Readonly<{ handoff: string }> | null, handoff: LookRequest): OpeningPlan {
  if (asked) return { reuse: false, request: asked };
  if (kept) return { reuse: true, request: kept.handoff === requestKey(handoff) ? null : handoff };
  return { reuse: false, request: handoff };
}

/** Carries out a plan once the catalog is there: Shoot's shade on the kept look is one undo step. */
export function openLook(state: StudioLookState, items: readonly CatalogItem[], plan: OpeningPlan): void {
  if (plan.request === null) return;
  const { look, currentId } = requestedLook(items, plan.request);
  const handed = look.find((l) => l.item.id === currentId);
  if (!plan.reuse) state.reset(look, currentId);
  else if (handed) state.choose(handed.item, handed.attributeId);
}

/** Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on a Mac); anything else is not ours. */
export function historyKey(e: Readonly<{ key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  return key === 'y' && !e.shiftKey ? 'redo' : null;
}
