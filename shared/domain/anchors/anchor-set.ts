import type { BodyArea } from '../../catalog/schema';
import { spotsClearOfFace, type FrameBox } from './clear-of-face';
import { associatedSpots, clampToFrame, type FramePoint } from './placement';

/** What an anchor is about, as the posting page knows it before the platform gives it an id. */
export interface AnchorSubject {
  readonly itemId: string;
  readonly attributeId: string | null;
  readonly label: string;
}

/** An associated anchor the page offers: a catalog item on the same body area, or a hot anchor. */
export interface AnchorOffer extends AnchorSubject {
  /** same-area: the local catalog's rule; same-type / hot: the platform's suggestions (same area and kind; most-triggered). */
  readonly source: 'same-area' | 'same-type' | 'hot';
}

export interface PlacedAnchor extends AnchorSubject {
  readonly role: 'target' | 'associated';
  readonly point: FramePoint;
  readonly placement: 'near-item' | 'background' | 'manual';
  /** More catalog items this anchor links ("this look": lipstick + glasses); absent or empty: just its own. */
  readonly extraItemIds?: readonly string[];
  /** When viewers see it (media ms); absent: the whole video. */
  readonly startMs?: number;
  readonly endMs?: number;
}

export interface AnchorSet {
  readonly target: PlacedAnchor | null;
  readonly associated: readonly PlacedAnchor[];
  /** The take's typical face: auto-placed associated chips stay clear of it. Absent when no face was seen. */
  readonly face?: FrameBox | null;
}

/** An anchor may link this many items besides its own (the protocol's MAX_EXTRA_ITEMS). */
export const MAX_EXTRA_LINKS = 4;

/** The shortest time an anchor may show: shorter and a viewer cannot tap it. */
export const MIN_ANCHOR_MS = 500;

/** The platform's own limit is 20; a handful is what a viewer can take in on a short video. */
export const MAX_ASSOCIATED = 5;

export const subjectKey = (s: Pick<AnchorSubject, 'itemId' | 'attributeId'>): string => `${s.itemId}/${s.attributeId ?? ''}`;

interface OfferableItem {
  readonly id: string;
  readonly name: string;
  readonly bodyArea: BodyArea;
  readonly attributes: readonly { readonly id: string; readonly label: string }[];
}

/**
 * Associated anchors to offer: other catalog items worn on the same body area as the target, then
 * the platform's hot anchors, without the target itself and without repeats (same item and shade).
 */
export function offerAssociated(catalog: readonly OfferableItem[], targetItemId: string | null, hot: readonly AnchorSubject[], limit = 8, basisItemId: string | null = targetItemId): AnchorOffer[] {
  // With no target (a post of associated anchors only) the take's own item is the basis, and is offered too.
  const target = catalog.find((i) => i.id === basisItemId) ?? null;
  const offers: AnchorOffer[] = [];
  const seen = new Set<string>();
  const add = (offer: AnchorOffer): void => {
    if (offer.itemId === targetItemId || seen.has(subjectKey(offer)) || offers.length >= limit) return;
    seen.add(subjectKey(offer));
    offers.push(offer);
  };
  if (target) {
    for (const item of catalog) {
      if (item.bodyArea !== target.bodyArea) continue;
      const shade = item.attributes[0];
      add({ itemId: item.id, attributeId: shade?.id ?? null, label: shade ? `${item.name} · ${shade.label}` : item.name, source: 'same-area' });
    }
  }
  for (const h of hot) add({ ...h, source: 'hot' });
  return offers;
}

export type AnchorAction =
  | { readonly type: 'toggle'; readonly offer: AnchorSubject }
  | { readonly type: 'move'; readonly key: string; readonly point: FramePoint }
  | { readonly type: 'link'; readonly key: string; readonly itemIds: readonly string[] }
  | { readonly type: 'time'; readonly key: string; readonly startMs: number; readonly endMs: number; readonly durationMs: number }
  | { readonly type: 'set-target'; readonly target: PlacedAnchor | null };

export type AnchorOutcome = { readonly ok: true; readonly set: AnchorSet } | { readonly ok: false; readonly reason: string };

/** The anchor control's intents (Excalidraw's action shape): a new set, or a refusal with a reason. */
export function applyAnchorAction(set: AnchorSet, action: AnchorAction): AnchorOutcome {
  switch (action.type) {
    case 'set-target':
      return { ok: true, set: respace({ ...set, target: action.target, associated: set.associated.filter((a) => !action.target || a.itemId !== action.target.itemId) }) };
    case 'toggle': {
      const key = subjectKey(action.offer);
      if (set.associated.some((a) => subjectKey(a) === key)) return { ok: true, set: respace({ ...set, associated: set.associated.filter((a) => subjectKey(a) !== key) }) };
      if (set.target && set.target.itemId === action.offer.itemId) return { ok: false, reason: 'This item is already the target anchor.' };
      if (set.associated.length >= MAX_ASSOCIATED) return { ok: false, reason: `At most ${MAX_ASSOCIATED} associated anchors: switch one off first.` };
      const added: PlacedAnchor = { ...action.offer, role: 'associated', point: { x: 0.5, y: 0.5 }, placement: 'background' };
      return { ok: true, set: respace({ ...set, associated: [...set.associated, added] }) };
    }
    case 'move': {
      const point = clampToFrame(action.point);
      if (set.target && subjectKey(set.target) === action.key) return { ok: true, set: { ...set, target: { ...set.target, point, placement: 'manual' } } };
      if (!set.associated.some((a) => subjectKey(a) === action.key)) return { ok: false, reason: 'That anchor is not on this video.' };
      return { ok: true, set: { ...set, associated: set.associated.map((a) => (subjectKey(a) === action.key ? { ...a, point, placement: 'manual' } : a)) } };
    }
    case 'link': {
      const linked = (a: PlacedAnchor): PlacedAnchor => {
        if (subjectKey(a) !== action.key) return a;
        const extra = [...new Set(action.itemIds)].filter((id) => id !== a.itemId);
        return { ...a, extraItemIds: extra };
      };
      const own = [set.target, ...set.associated].find((a) => a && subjectKey(a) === action.key);
      if (!own) return { ok: false, reason: 'That anchor is not on this video.' };
      if (linked(own).extraItemIds!.length > MAX_EXTRA_LINKS) return { ok: false, reason: `An anchor links at most ${MAX_EXTRA_LINKS} more items.` };
      return { ok: true, set: { ...set, target: set.target ? linked(set.target) : null, associated: set.associated.map(linked) } };
    }
    case 'time': {
      const end = Math.min(Math.round(action.endMs), Math.max(1, action.durationMs));
      const start = Math.max(0, Math.round(action.startMs));
      if (end - start < Math.min(MIN_ANCHOR_MS, action.durationMs)) return { ok: false, reason: `An anchor shows for at least ${MIN_ANCHOR_MS / 1000} s: move its end after its start.` };
      const timed = (a: PlacedAnchor): PlacedAnchor => (subjectKey(a) === action.key ? { ...a, startMs: start, endMs: end } : a);
      if (set.target && subjectKey(set.target) === action.key) return { ok: true, set: { ...set, target: timed(set.target) } };
      if (!set.associated.some((a) => subjectKey(a) === action.key)) return { ok: false, reason: 'That anchor is not on this video.' };
      return { ok: true, set: { ...set, associated: set.associated.map(timed) } };
    }
    default: {
      const never: never = action;
      throw new Error(`unknown anchor action ${String(never)}`);
    }
  }
}

/** Associated anchors not moved by hand take the next free spot in the column; dragged ones stay. */
function respace(set: AnchorSet): AnchorSet {
  const auto = set.associated.filter((a) => a.placement !== 'manual');
  const spots = set.face ? spotsClearOfFace(auto.length, set.target?.point ?? null, set.face) : associatedSpots(auto.length, set.target?.point ?? null);
  let i = 0;
  return { ...set, associated: set.associated.map((a) => (a.placement === 'manual' ? a : { ...a, point: spots[i++]! })) };
}

/** Every anchor for POST /videos, over its own time range (default: the whole video, start 0 to its duration; a photo's: 0/0). */
export function anchorsForPost(set: AnchorSet, durationMs: number) {
  const all = [...(set.target ? [set.target] : []), ...set.associated];
  const whole = Math.max(1, durationMs);
  return all.map((a) => {
    // A photo post has no timeline: 0/0 is "the whole post" in the protocol.
    if (durationMs <= 0) return { ...postFields(a), startMs: 0, endMs: 0 };
    const { startMs, endMs } = timeRange(a, durationMs);
    return { ...postFields(a), startMs, endMs: endMs > startMs ? endMs : whole };
  });
}

/** An anchor's time range within a video of `durationMs` (absent bounds: the whole video). */
export function timeRange(a: Pick<PlacedAnchor, 'startMs' | 'endMs'>, durationMs: number): { startMs: number; endMs: number } {
  const whole = Math.max(1, durationMs);
  const endMs = Math.min(a.endMs ?? whole, whole);
  const startMs = Math.min(Math.max(0, a.startMs ?? 0), endMs - 1);
  return { startMs: Math.max(0, startMs), endMs };
}

function postFields(a: PlacedAnchor) {
  return {
    kind: 'tryon' as const,
    role: a.role,
    itemId: a.itemId,
    ...(a.attributeId ? { attributeId: a.attributeId } : {}),
    ...(a.extraItemIds && a.extraItemIds.length > 0 ? { extraItemIds: [...a.extraItemIds] } : {}),
    label: a.label.slice(0, 60),
    x: round4(a.point.x),
    y: round4(a.point.y),
    placement: a.placement,
  };
}

const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;

/** Anchors visible at media time `t` (Discover's player shows only these). */
export function anchorsAt<A extends { readonly startMs: number; readonly endMs: number }>(anchors: readonly A[], t: number): A[] {
  return anchors.filter((a) => t >= a.startMs && t < a.endMs);
}
