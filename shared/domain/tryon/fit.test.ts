import { describe, expect, it } from 'vitest';
import { AccessoryFit, CANONICAL_POINTS, FIT_RULES } from './fit';

type Vec = [number, number, number];

/** A pose matrix (column-major, canonical cm → scene): scale s, rotation yaw then roll, translation t. */
function pose(s: number, yaw: number, roll: number, t: Vec): Float32Array {
  const cy = Math.cos(yaw),
    sy = Math.sin(yaw),
    cr = Math.cos(roll),
    sr = Math.sin(roll);
  // R = Rz(roll) · Ry(yaw), row-major.
  const r = [cr * cy, -sr, cr * sy, sr * cy, cr, sr * sy, -sy, 0, cy];
  const m = new Float32Array(16);
  for (let col = 0; col < 3; col++) for (let row = 0; row < 3; row++) m[col * 4 + row] = s * r[row * 3 + col]!;
  m[12] = t[0];
  m[13] = t[1];
  m[14] = t[2];
  m[15] = 1;
  return m;
}

/** Image landmarks (x, y down, tfjs z) of head-space points under `m`. */
function landmarks(m: Float32Array, head: Record<number, Vec>, count = 468): Float32Array {
  const out = new Float32Array(478 * 3);
  for (const [index, [x, y, z]] of Object.entries(head)) {
    const sx = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!;
    const sy = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!;
    const sz = m[2]! * x + m[6]! * y + m[10]! * z + m[14]!;
    const i = Number(index);
    if (i < count) out.set([sx, -sy, -sz], i * 3);
  }
  return out;
}

const canonical = (): Record<number, Vec> => Object.fromEntries(Object.entries(CANONICAL_POINTS).map(([k, v]) => [k, [...v] as Vec]));

/** Applies the fit matrix to a head-space point. */
function apply(f: Float32Array, [x, y, z]: Vec): Vec {
  return [f[0]! * x + f[4]! * y + f[8]! * z + f[12]!, f[1]! * x + f[5]! * y + f[9]! * z + f[13]!, f[2]! * x + f[6]! * y + f[10]! * z + f[14]!];
}

describe('AccessoryFit', () => {
  const poses = { frontal: pose(12, 0, 0, [320, -240, 0]), turned: pose(9, Math.PI / 4, 0, [300, -200, 40]), tilted: pose(15, 0.2, -0.35, [250, -260, -10]) };

  for (const [name, m] of Object.entries(poses)) {
    it(`is the identity on the canonical face (${name} head)`, () => {
      const fit = new AccessoryFit(FIT_RULES.glasses);
      expect(fit.solve(landmarks(m, canonical()), 468, m)).toBe(true);
      expect(fit.scale).toBeCloseTo(1, 2);
      for (const v of fit.shift) expect(Math.abs(v)).toBeLessThan(0.02);
    });

    it(`sizes glasses from the eyes and seats the bridge on the nose (${name} head)`, () => {
      const head = canonical();
      // Eyes 10 % further apart than the mean, nose bridge 0.4 cm lower and 0.3 cm further back.
      for (const i of [33, 133, 362, 263]) head[i]![0] *= 1.1;
      head[168] = [0, 3.27 - 0.4, 5.24 - 0.3];
      const fit = new AccessoryFit(FIT_RULES.glasses);
      fit.solve(landmarks(m, head), 468, m);
      expect(fit.scale).toBeCloseTo(1.1, 2);
      // The model's bridge point (at the canonical 168) lands on this face's 168.
      const bridge = apply(fit.matrix, [...CANONICAL_POINTS[168]] as Vec);
      expect(bridge[0]).toBeCloseTo(0, 2);
      expect(bridge[1]).toBeCloseTo(2.87, 2);
      expect(bridge[2]).toBeCloseTo(4.94, 2);
      // A lens centre 3.5 cm to the side of the bridge moves out by k.
      expect(apply(fit.matrix, [3.5, 3.27, 5.24])[0]).toBeCloseTo(3.5 * fit.scale, 4);
    });
  }

  it('reads the irises when the refined mesh has them', () => {
    const m = poses.tilted;
    const head = canonical();
    head[468] = [-3.6, 2.6, 3.5];
    head[473] = [3.6, 2.6, 3.5];
    const fit = new AccessoryFit(FIT_RULES.glasses);
    fit.solve(landmarks(m, head, 478), 478, m);
    expect(fit.scale).toBeCloseTo(7.2 / 6.3, 2);
    // The same landmarks without irises: the eye corners' centres (the canonical 6.31 cm).
    fit.solve(landmarks(m, head, 468), 468, m);
    expect(fit.scale).toBeCloseTo(1, 2);
  });

  it('sizes a hat from the temples and puts its band at the top of the forehead', () => {
    const m = poses.turned;
    const head = canonical();
    head[21] = [-7.09 * 0.9, 5.43, 0.1];
    head[251] = [7.09 * 0.9, 5.43, 0.1];
    head[10] = [0, 8.26 + 0.5, 4.48];
    const fit = new AccessoryFit(FIT_RULES.hat);
    fit.solve(landmarks(m, head), 468, m);
    expect(fit.scale).toBeCloseTo(0.9, 2);
    expect(apply(fit.matrix, [...CANONICAL_POINTS[10]] as Vec)[1]).toBeCloseTo(8.76, 2);
  });

  it('keeps a mistracked frame within bounds', () => {
    const m = poses.frontal;
    const head = canonical();
    for (const i of [33, 133]) head[i]![0] -= 6;
    head[168] = [0, 9, 5.24];
    const fit = new AccessoryFit(FIT_RULES.glasses);
    fit.solve(landmarks(m, head), 468, m);
    expect(fit.scale).toBeCloseTo(1.3, 5);
    expect(fit.shift[1]).toBeCloseTo(1.5, 5);
  });

  it('refuses a degenerate pose and leaves the identity', () => {
    const fit = new AccessoryFit(FIT_RULES.hat);
    expect(fit.solve(new Float32Array(478 * 3), 468, new Float32Array(16))).toBe(false);
    expect(Array.from(fit.matrix)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });
});
