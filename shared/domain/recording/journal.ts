import { z } from 'zod';
import { AttributeId } from '../../catalog/schema';
import { LookIds, LookLayerIds } from '../tryon/look-ids';

/**
 * The sidecar journal written beside a recording, one JSON object per line. `t` is milliseconds of
 * recorded media time (pauses excluded), so posting can place anchors on the video's own timeline;
 * `at` is the wall clock, for ordering across a crash.
 */
const base = { t: z.number().int().nonnegative(), at: z.number().int().nonnegative() };

export const JOURNAL_VERSION = 1;

export const JournalStart = z.object({
  type: z.literal('start'),
  ...base,
  version: z.literal(JOURNAL_VERSION),
  mimeType: z.string().min(1).max(100),
  itemId: z.string().max(200).nullable(),
  attributeId: z.string().max(200).nullable(),
  /** The filter on at the start (optional: journals written before it was recorded lack it). */
  filter: z.string().max(40).nullable().optional(),
  /** Whether the recorded frames are mirrored (a mirrored camera view). */
  mirrored: z.boolean().optional(),
  /**
   * The whole look worn at the start (issue 16 §2); itemId/attributeId stay its current layer.
   * Optional: journals written before looks were layered lack it (lookAt reads them as one layer).
   */
  look: LookIds.optional(),
});
export const JournalAttribute = z.object({ type: z.literal('attribute'), ...base, itemId: z.string().min(1).max(200), attributeId: z.string().min(1).max(200) });
/**
 * The whole look from media time `t` on, written when a layer's shade or intensity changed (an
 * intensity drag once it settles, not per step). An `attribute` line still follows a change of the
 * current layer, for readers that know only the current item.
 */
export const JournalLook = z.object({ type: z.literal('look'), ...base, look: LookIds });
export const JournalItem = z.object({ type: z.literal('item'), ...base, itemId: z.string().min(1).max(200).nullable() });
export const JournalFilter = z.object({ type: z.literal('filter'), ...base, filter: z.string().min(1).max(40) });
/** Face box in normalised frame coordinates (0–1), sampled a few times a second, not every frame. */
export const JournalFace = z.object({
  type: z.literal('face'),
  ...base,
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().min(0).max(1),
  h: z.number().min(0).max(1),
});
export const JournalFaceLost = z.object({ type: z.literal('face-lost'), ...base });
export const JournalPause = z.object({ type: z.literal('pause'), ...base });
export const JournalResume = z.object({ type: z.literal('resume'), ...base });
export const JournalStop = z.object({ type: z.literal('stop'), ...base, bytes: z.number().int().nonnegative() });
/** Written when the session stopped because the disk refused a write; what came before is kept. */
export const JournalFailure = z.object({ type: z.literal('failure'), ...base, bytes: z.number().int().nonnegative(), message: z.string().max(500) });

export const JournalEntry = z.discriminatedUnion('type', [
  JournalStart,
  JournalAttribute,
  JournalLook,
  JournalItem,
  JournalFilter,
  JournalFace,
  JournalFaceLost,
  JournalPause,
  JournalResume,
  JournalStop,
  JournalFailure,
]);
export type JournalEntry = z.output<typeof JournalEntry>;

/**
 * What the renderer may send during a take, without `at`: the main side stamps its own clock.
 * start/stop/failure are written by the main side only.
 */
const noAt = { at: true } as const;
export const RecordingEvent = z.discriminatedUnion('type', [
  JournalAttribute.omit(noAt),
  JournalLook.omit(noAt),
  JournalItem.omit(noAt),
  JournalFilter.omit(noAt),
  JournalFace.omit(noAt),
  JournalFaceLost.omit(noAt),
  JournalPause.omit(noAt),
  JournalResume.omit(noAt),
]);
export type RecordingEvent = z.output<typeof RecordingEvent>;

export interface ParsedJournal {
  readonly entries: readonly JournalEntry[];
  /** Lines that did not parse; a crash mid-write leaves at most one, the last. */
  readonly badLines: number;
  readonly finished: boolean;
}

/** Reads a journal tolerantly: a torn last line from a crash is skipped, not fatal. */
export function parseJournal(text: string): ParsedJournal {
  const entries: JournalEntry[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    const parsed = JournalEntry.safeParse(json);
    if (parsed.success) entries.push(parsed.data);
    else badLines++;
  }
  const finished = entries.some((e) => e.type === 'stop' || e.type === 'failure');
  return { entries, badLines, finished };
}

/** The attribute in effect at media time `t`, for placing anchors and labelling frames. */
export function attributeAt(entries: readonly JournalEntry[], t: number): { itemId: string | null; attributeId: string | null } {
  let itemId: string | null = null;
  let attributeId: string | null = null;
  for (const e of entries) {
    if (e.t > t) break;
    switch (e.type) {
      case 'start':
        itemId = e.itemId;
        attributeId = e.attributeId;
        break;
      case 'attribute':
        itemId = e.itemId;
        attributeId = e.attributeId;
        break;
      case 'item':
        itemId = e.itemId;
        attributeId = null;
        break;
      case 'look':
      case 'filter':
      case 'face':
      case 'face-lost':
      case 'pause':
      case 'resume':
      case 'stop':
      case 'failure':
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown journal entry ${String(never)}`);
      }
    }
  }
  return { itemId, attributeId };
}

/**
 * One layer at full strength: what a journal from before layered looks wore (one item in one
 * shade). Its free-form ids are checked here, so a look read back is always well-formed ids.
 */
function singleLayer(itemId: string | null, attributeId: string | null): LookLayerIds[] {
  const layer = LookLayerIds.safeParse({ itemId, attributeId, intensity: 1 });
  return layer.success ? [layer.data] : [];
}

/** The look with `itemId`'s layer in another shade (when both are well-formed ids and it is worn). */
function withShade(look: readonly LookLayerIds[], itemId: string, attributeId: string): readonly LookLayerIds[] {
  const shade = AttributeId.safeParse(attributeId);
  return shade.success ? look.map((l) => (l.itemId === itemId ? { ...l, attributeId: shade.data } : l)) : look;
}

interface Worn {
  readonly look: readonly LookLayerIds[];
  /** The journal records whole looks (its start had one, or a `look` line came). */
  readonly layered: boolean;
}

/** The look after entry `e`: `start`/`look` lines set it; `attribute`/`item` lines change it as described at lookAt. */
function wornAfter(worn: Worn, e: JournalEntry): Worn {
  switch (e.type) {
    case 'start':
      return e.look ? { look: e.look, layered: true } : { look: singleLayer(e.itemId, e.attributeId), layered: false };
    case 'look':
      return { look: e.look, layered: true };
    case 'attribute':
      return worn.layered ? { ...worn, look: withShade(worn.look, e.itemId, e.attributeId) } : { look: singleLayer(e.itemId, e.attributeId), layered: false };
    case 'item':
      return worn.layered ? worn : { look: [], layered: false };
    default:
      return worn;
  }
}

const NOTHING_WORN: Worn = { look: [], layered: false };

/**
 * The whole look on screen at media time `t` (issue 16 §2). A journal that records looks answers
 * from its `start`/`look` lines (an `attribute` line without its `look` still changes that layer's
 * shade); an older one from its single item and shade, as one layer at intensity 1 (an `item` line
 * names no shade: nothing then).
 */
export function lookAt(entries: readonly JournalEntry[], t: number): LookLayerIds[] {
  let worn = NOTHING_WORN;
  // Every line up to `t`, not only those before the first later one: a settled intensity's `look`
  // line is stamped when its value first showed, so it is written after face lines a little later.
  for (const e of entries) if (e.t <= t) worn = wornAfter(worn, e);
  return [...worn.look];
}

/**
 * Every item worn during the take, in the order first worn, each in the shade and intensity it was
 * last worn in; a layer only ever at intensity 0 was never seen and is left out. This is what a
 * posted take links to its target: the target anchor stands for the whole video, so every item
 * seen in it belongs with it (a take cannot add or remove items today, so this is the look at the
 * start with its latest shades; an older journal that switched items gives each of them).
 */
export function lookDuring(entries: readonly JournalEntry[]): LookLayerIds[] {
  const seen = new Map<string, LookLayerIds>();
  let worn = NOTHING_WORN;
  for (const e of entries) {
    const next = wornAfter(worn, e);
    if (next === worn) continue;
    worn = next;
    for (const layer of worn.look) if (layer.intensity > 0 || seen.has(layer.itemId)) seen.set(layer.itemId, layer);
  }
  return [...seen.values()];
}
