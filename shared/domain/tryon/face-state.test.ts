import { describe, expect, it } from 'vitest';
import { FaceState } from './face-state';
import { STILL_PRESENCE } from './presence';

describe('FaceState', () => {
  const raw = new Float32Array(4 * 3);
  raw.set([100, 50, 0, 300, 50, 0, 100, 250, 0, 300, 250, 0]);

  it('reports found and lost through the dead band, and boxes the landmarks (mirrored on request)', () => {
    const face = new FaceState(4);
    expect(face.apply(raw, 4, 0, false)).toBe(false); // one frame is not yet "found"
    expect(face.faceBox(400, 400, false)).toBeNull();
    expect(face.apply(raw, 4, 33, false)).toBe(true);
    expect(face.found).toBe(true);
    expect(face.faceBox(400, 400, false)).toEqual({ x: 0.25, y: 0.125, w: 0.5, h: 0.5 });
    expect(face.faceBox(800, 400, true)).toEqual({ x: 1 - 0.375, y: 0.125, w: 0.25, h: 0.5 });
    expect(face.apply(raw, 0, 66, false)).toBe(false); // one missed frame does not lose it
    expect(face.apply(raw, 0, 500, false)).toBe(true);
    expect(face.visible).toBe(false);
    expect(face.pose).toBeNull();
  });

  it('decides a still at once and forgets everything on reset', () => {
    const face = new FaceState(4);
    face.reset(STILL_PRESENCE);
    expect(face.apply(raw, 4, 0, true)).toBe(true);
    expect(face.visible).toBe(true);
    expect(Array.from(face.points.subarray(0, 3))).toEqual([100, 50, 0]);
    face.reset(STILL_PRESENCE);
    expect(face.found).toBe(false);
    expect(face.faceBox(400, 400, false)).toBeNull();
  });
});
