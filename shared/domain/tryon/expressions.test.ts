import { describe, expect, it } from 'vitest';
import { ExpressionTriggers, TRIGGERS, TriggerDetector, measureExpression, type ExpressionMeasures } from './expressions';

/** A frame every 33 ms, the measure given by `at(t)`; returns the times (ms) at which it fired. */
function run(detector: TriggerDetector, seconds: number, at: (t: number) => number): number[] {
  const fired: number[] = [];
  for (let t = 0; t <= seconds * 1000; t += 33) if (detector.update(at(t), t)) fired.push(t);
  return fired;
}

/** A face: the landmarks the measures use, at a scale, with a mouth gap, mouth width and brow lift. */
function face(scale: number, gap: number, mouthWidth: number, brow: number): Float32Array {
  const p = new Float32Array(478 * 3);
  const set = (i: number, x: number, y: number) => p.set([x * scale, y * scale, 0], i * 3);
  set(234, -7, 0);
  set(454, 7, 0); // face width 14
  set(33, -4.5, 2.6);
  set(263, 4.5, 2.6); // eye corners 9 apart
  set(159, -3, 3);
  set(386, 3, 3); // upper lids
  set(105, -3, 3 + brow);
  set(334, 3, 3 + brow); // mid-brows
  set(61, -mouthWidth / 2, -4);
  set(291, mouthWidth / 2, -4);
  set(13, 0, -4 + gap / 2);
  set(14, 0, -4 - gap / 2);
  return p;
}

describe('expression measures', () => {
  it('are ratios on the face: the same at any size', () => {
    const a: ExpressionMeasures = { mouthOpen: 0, smile: 0, brows: 0 };
    const b: ExpressionMeasures = { mouthOpen: 0, smile: 0, brows: 0 };
    expect(measureExpression(face(1, 2, 5, 1.5), a)).toBe(true);
    expect(measureExpression(face(37, 2, 5, 1.5), b)).toBe(true);
    expect(b.mouthOpen).toBeCloseTo(a.mouthOpen, 6);
    expect(a.mouthOpen).toBeCloseTo(0.4, 6);
    expect(a.smile).toBeCloseTo(5 / 14, 6);
    expect(a.brows).toBeCloseTo(1.5 / 9, 6);
    expect(measureExpression(new Float32Array(478 * 3), a)).toBe(false);
  });
});

describe('trigger detector', () => {
  it('fires once after the hold, not during a shorter one, and not again until let go', () => {
    const open = new TriggerDetector(TRIGGERS['mouth-open']);
    // Closed, a 0.3 s open (too short), closed, a 1.5 s open, closed, open again.
    const at = (t: number) => ((t > 1000 && t < 1300) || (t > 2000 && t < 3500) || t > 4500 ? 0.5 : 0.05);
    const fired = run(open, 6, at);
    expect(fired).toHaveLength(2);
    expect(fired[0]).toBeGreaterThanOrEqual(2500);
    expect(fired[0]).toBeLessThan(2600);
    expect(fired[1]).toBeGreaterThanOrEqual(5000);
  });

  it('hysteresis: hovering between off and on after firing does not fire again', () => {
    const open = new TriggerDetector(TRIGGERS['mouth-open']);
    // Open, then wavering between 0.25 and 0.4 (never below off = 0.2) for 3 s.
    const fired = run(open, 4, (t) => (t < 1000 ? 0.5 : 0.25 + 0.15 * (Math.floor(t / 100) % 2)));
    expect(fired).toHaveLength(1);
  });

  it('a smile is relative to the person: a wide neutral mouth does not fire, widening it does', () => {
    const smile = new TriggerDetector(TRIGGERS.smile);
    // 3 s neutral at 0.42 (a wide mouth), then a smile to 0.49 (+17 %) held 1 s, then neutral.
    const fired = run(smile, 6, (t) => (t > 3000 && t < 4000 ? 0.49 : 0.42 + 0.003 * Math.sin(t / 50)));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(3500);
    // The baseline did not learn the smile: the same smile later fires again.
    expect(run(smile, 3, (t) => (t > 1000 && t < 2000 ? 0.49 : 0.42))).toHaveLength(1);
  });

  it('a slow drift (leaning back) moves the baseline instead of firing', () => {
    const brows = new TriggerDetector(TRIGGERS['brows-raised']);
    // +25 % over 20 s: never 18 % above a baseline that follows within a few seconds.
    expect(run(brows, 20, (t) => 0.17 * (1 + (0.25 * t) / 20_000))).toHaveLength(0);
  });

  it('refuses off ≥ on', () => {
    expect(() => new TriggerDetector({ on: 1, off: 1, holdMs: 0, relative: false })).toThrow();
  });
});

describe('expression triggers together', () => {
  it('an open mouth switches the shade, a held smile takes the photo, raised brows the item; each can be off', () => {
    const triggers = new ExpressionTriggers();
    const events: Array<[number, string]> = [];
    const feed = (from: number, to: number, points: Float32Array) => {
      for (let t = from; t < to; t += 33) {
        const kind = triggers.update(points, t);
        if (kind) events.push([t, kind]);
      }
    };
    const neutral = face(20, 0.2, 5, 1.5);
    feed(0, 3000, neutral);
    feed(3000, 4000, face(20, 2.5, 5.4, 1.5)); // mouth open (0.46), a little wider: not a smile
    feed(4000, 5000, neutral);
    feed(5000, 6000, face(20, 0.3, 6, 1.5)); // smile: +20 % width, closed
    feed(6000, 7000, neutral);
    feed(7000, 8000, face(20, 0.2, 5, 2)); // brows +33 %
    feed(8000, 9000, neutral);
    expect(events.map(([, kind]) => kind)).toEqual(['mouth-open', 'smile', 'brows-raised']);
    triggers.setEnabled('smile', false);
    expect(triggers.isEnabled('smile')).toBe(false);
    events.length = 0;
    feed(9000, 10_000, face(20, 0.3, 6, 1.5));
    expect(events).toEqual([]);
  });
});
