import type { LookLayerIds } from '../tryon/look-ids';
import type { RecordingEvent } from './journal';

/** What is worn as a take records it: the whole look and its current layer (the one a post targets). */
export interface WornLook {
  readonly itemId: string | null;
  readonly attributeId: string | null;
  readonly look: readonly LookLayerIds[];
}

/**
 * How long (media ms) a look changed only in intensity must stay the same before it is written: a
 * slider drag sends a value per step, and the journal wants the value the creator let go at.
 */
export const LOOK_SETTLE_MS = 300;

const shadesKey = (look: readonly LookLayerIds[]): string => look.map((l) => `${l.itemId}/${l.attributeId}`).join('+');
const fullKey = (look: readonly LookLayerIds[]): string => look.map((l) => `${l.itemId}/${l.attributeId}@${l.intensity}`).join('+');

type LookEvent = Extract<RecordingEvent, { type: 'look' | 'attribute' }>;

/**
 * Turns what is worn during a take, looked at a few times a second, into journal lines: a `look`
 * line when a layer's shade changed (at once) or its intensity (once it has settled, stamped with
 * when that value first showed, so a drag is one line), and an `attribute` line when the current
 * layer or its shade changed, for readers that know only the current item. Time is media time,
 * passed in; nothing here keeps a clock. A settled line's `t` can be earlier than lines written
 * just before it (face samples): lookAt reads every line up to its time, not only a sorted prefix.
 */
export class LookJournal {
  private written: string;
  private writtenShades: string;
  private writtenCurrent: string;
  private pending: { key: string; look: readonly LookLayerIds[]; since: number } | null = null;

  /** `start`: what the take's `start` line already says. */
  constructor(start: WornLook) {
    this.written = fullKey(start.look);
    this.writtenShades = shadesKey(start.look);
    this.writtenCurrent = `${start.itemId ?? ''}/${start.attributeId ?? ''}`;
  }

  /** What is worn at media time `t`: the lines to write now (often none). */
  observe(worn: WornLook, t: number): LookEvent[] {
    const out: LookEvent[] = [];
    const key = fullKey(worn.look);
    if (key === this.written) this.pending = null;
    else if (shadesKey(worn.look) !== this.writtenShades) this.write(worn.look, t, out);
    else if (this.pending?.key !== key) this.pending = { key, look: worn.look, since: t };
    else if (t - this.pending.since >= LOOK_SETTLE_MS) this.write(this.pending.look, this.pending.since, out);
    const current = `${worn.itemId ?? ''}/${worn.attributeId ?? ''}`;
    if (current !== this.writtenCurrent && worn.itemId && worn.attributeId) {
      out.push({ type: 'attribute', t, itemId: worn.itemId, attributeId: worn.attributeId });
      this.writtenCurrent = current;
    }
    return out;
  }

  /** The take ends: an intensity change still settling is written as it stands. */
  flush(): LookEvent[] {
    const out: LookEvent[] = [];
    if (this.pending) this.write(this.pending.look, this.pending.since, out);
    return out;
  }

  private write(look: readonly LookLayerIds[], t: number, out: LookEvent[]): void {
    out.push({ type: 'look', t, look: [...look] });
    this.written = fullKey(look);
    this.writtenShades = shadesKey(look);
    this.pending = null;
  }
}
