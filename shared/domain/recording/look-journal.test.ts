import { describe, expect, it } from 'vitest';
import { RecordingEvent } from './journal';
import { LOOK_SETTLE_MS, LookJournal, type WornLook } from './look-journal';
import type { LookLayerIds } from '../tryon/look-ids';

const layer = (itemId: string, attributeId: string, intensity = 1) => ({ itemId, attributeId, intensity }) as LookLayerIds;
const start: WornLook = { itemId: 'lips', attributeId: 'red', look: [layer('eyes', 'plum'), layer('lips', 'red'), layer('frames', 'gold')] };
const brief = (events: readonly { type: string; t: number }[]) => events.map((e) => `${e.type}@${e.t}`);

describe('LookJournal', () => {
  it('writes nothing while the look stays as the start said', () => {
    const journal = new LookJournal(start);
    expect(journal.observe(start, 100)).toEqual([]);
    expect(journal.observe({ ...start, look: [...start.look] }, 200)).toEqual([]);
    expect(journal.flush()).toEqual([]);
  });

  it('a shade change of one layer is a look line at once, and an attribute line when it is the current layer', () => {
    const journal = new LookJournal(start);
    const eyes = { itemId: 'eyes', attributeId: 'gold', look: [layer('eyes', 'gold'), layer('lips', 'red'), layer('frames', 'gold')] };
    const out = journal.observe(eyes, 1200);
    expect(out).toEqual([
      { type: 'look', t: 1200, look: eyes.look },
      { type: 'attribute', t: 1200, itemId: 'eyes', attributeId: 'gold' },
    ]);
    for (const e of out) expect(RecordingEvent.safeParse(e).success).toBe(true);
    expect(journal.observe(eyes, 1300)).toEqual([]);
  });

  it('an intensity drag is one look line with the value let go at, stamped when it first showed', () => {
    const journal = new LookJournal(start);
    const at = (intensity: number): WornLook => ({ ...start, look: [layer('eyes', 'plum'), layer('lips', 'red', intensity), layer('frames', 'gold')] });
    const written: { type: string; t: number }[] = [];
    // A drag from 100 % to 40 %, a value per 100 ms tick, then let go.
    let t = 1000;
    for (const value of [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]) written.push(...journal.observe(at(value), (t += 100)));
    expect(written).toEqual([]);
    const letGo = t;
    while (t < letGo + LOOK_SETTLE_MS + 100) written.push(...journal.observe(at(0.4), (t += 100)));
    expect(brief(written)).toEqual([`look@${letGo}`]);
    expect(written[0]).toMatchObject({ look: [{ intensity: 1 }, { intensity: 0.4 }, { intensity: 1 }] });
  });

  it('a take that ends mid-settle still writes the last value; a drag back to the start value writes nothing', () => {
    const journal = new LookJournal(start);
    const soft = { ...start, look: [layer('eyes', 'plum'), layer('lips', 'red', 0.5), layer('frames', 'gold')] };
    expect(journal.observe(soft, 500)).toEqual([]);
    expect(brief(journal.flush())).toEqual(['look@500']);
    const again = new LookJournal(start);
    expect(again.observe(soft, 500)).toEqual([]);
    expect(again.observe(start, 600)).toEqual([]);
    expect(again.flush()).toEqual([]);
  });

  it('a shade change during a drag writes the look as it stands then', () => {
    const journal = new LookJournal(start);
    expect(journal.observe({ ...start, look: [layer('eyes', 'plum', 0.5), layer('lips', 'red'), layer('frames', 'gold')] }, 100)).toEqual([]);
    const out = journal.observe({ itemId: 'lips', attributeId: 'berry', look: [layer('eyes', 'plum', 0.5), layer('lips', 'berry'), layer('frames', 'gold')] }, 200);
    expect(brief(out)).toEqual(['look@200', 'attribute@200']);
    expect(journal.flush()).toEqual([]);
  });
});
