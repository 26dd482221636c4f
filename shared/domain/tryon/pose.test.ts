import { describe, expect, it } from 'vitest';
import { CANONICAL_BASIS } from './canonical-face';
import { HeadPoseSolver, jacobiLargestEigenvector } from './pose';

/** Scene points for the canonical basis under a known similarity transform (row-major R). */
function transformed(r: readonly number[], s: number, t: readonly [number, number, number], noise = 0, seed = 1): Float32Array {
  const out = new Float32Array(478 * 3);
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 2 * noise;
  for (const [index, , x, y, z] of CANONICAL_BASIS) {
    out[index * 3] = s * (r[0]! * x + r[1]! * y + r[2]! * z) + t[0] + rand();
    out[index * 3 + 1] = s * (r[3]! * x + r[4]! * y + r[5]! * z) + t[1] + rand();
    out[index * 3 + 2] = s * (r[6]! * x + r[7]! * y + r[8]! * z) + t[2] + rand();
  }
  return out;
}

function yawPitchRoll(yaw: number, pitch: number, roll: number): number[] {
  const cy = Math.cos(yaw),
    sy = Math.sin(yaw),
    cp = Math.cos(pitch),
    sp = Math.sin(pitch),
    cr = Math.cos(roll),
    sr = Math.sin(roll);
  const ry = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
  const rx = [1, 0, 0, 0, cp, -sp, 0, sp, cp];
  const rz = [cr, -sr, 0, sr, cr, 0, 0, 0, 1];
  const mul = (a: number[], b: number[]) => [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!));
  return mul(rz, mul(ry, rx));
}

describe('HeadPoseSolver', () => {
  it('recovers the identity pose with scale and translation', () => {
    const solver = new HeadPoseSolver();
    expect(solver.solve(transformed([1, 0, 0, 0, 1, 0, 0, 0, 1], 12, [320, -240, 5]))).toBe(true);
    expect(solver.scale).toBeCloseTo(12, 4);
    const m = solver.matrix;
    expect(m[0]).toBeCloseTo(12, 3);
    expect(m[5]).toBeCloseTo(12, 3);
    expect(m[10]).toBeCloseTo(12, 3);
    expect(m[12]).toBeCloseTo(320, 2);
    expect(m[13]).toBeCloseTo(-240, 2);
    expect(solver.residual).toBeLessThan(1e-3);
  });

  it('recovers a turned, tilted head and reports its yaw, with noise', () => {
    const solver = new HeadPoseSolver();
    const r = yawPitchRoll(0.6, -0.2, 0.15);
    expect(solver.solve(transformed(r, 9, [300, -200, 0], 0.5))).toBe(true);
    expect(solver.scale).toBeCloseTo(9, 1);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(solver.matrix[j * 4 + i]! / solver.scale).toBeCloseTo(r[i * 3 + j]!, 1);
    expect(solver.yaw()).toBeCloseTo(Math.atan2(r[2]!, r[8]!), 2);
    expect(solver.residual).toBeLessThan(1);
  });

  it('maps a canonical point onto its observed position', () => {
    const solver = new HeadPoseSolver();
    const r = yawPitchRoll(-0.4, 0.1, -0.3);
    const scene = transformed(r, 7, [100, -50, 20]);
    solver.solve(scene);
    const m = solver.matrix;
    const [index, , x, y, z] = CANONICAL_BASIS[3]!;
    expect(m[0]! * x + m[4]! * y + m[8]! * z + m[12]!).toBeCloseTo(scene[index * 3]!, 2);
    expect(m[1]! * x + m[5]! * y + m[9]! * z + m[13]!).toBeCloseTo(scene[index * 3 + 1]!, 2);
  });

  it('refuses degenerate input (every point the same) and keeps the previous matrix', () => {
    const solver = new HeadPoseSolver();
    solver.solve(transformed([1, 0, 0, 0, 1, 0, 0, 0, 1], 5, [0, 0, 0]));
    const before = Array.from(solver.matrix);
    expect(solver.solve(new Float32Array(478 * 3))).toBe(false);
    expect(Array.from(solver.matrix)).toEqual(before);
  });
});

describe('jacobiLargestEigenvector', () => {
  it('finds the dominant eigenvector of a symmetric matrix', () => {
    // diag(1, 5, 2, 3) rotated is hard to write by hand; a permuted diagonal is enough to check the pick.
    const a = new Float64Array([2, 1, 0, 0, 1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.5]);
    const v = new Float64Array(16);
    const best = jacobiLargestEigenvector(a, v);
    expect(a[best * 4 + best]).toBeCloseTo(3, 6);
    expect(Math.abs(v[best]!)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Math.abs(v[4 + best]!)).toBeCloseTo(Math.SQRT1_2, 6);
  });
});
