import { z } from 'zod';

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
});
export const JournalAttribute = z.object({ type: z.literal('attribute'), ...base, itemId: z.string().min(1).max(200), attributeId: z.string().min(1).max(200) });
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
