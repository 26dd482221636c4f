import { describe, expect, it } from 'vitest';
import { BLUSH_RING, BLUSH_VERTICES, LEFT_CHEEKBONE, RIGHT_CHEEKBONE, blushBounds, blushIndices, fillBlush } from './blush';

/** MediaPipe's canonical face (cm, y up) for the landmarks the blush uses and those it must avoid. */
const CANONICAL: Record<number, readonly [number, number]> = {
  50: [-4.77, -0.7],
  227: [-7.3, 0.76],
  145: [-3.18, 2.29],
  33: [-4.45, 2.66],
  129: [-1.79, -0.98],
  280: [4.77, -0.7],
  447: [7.3, 0.76],
  374: [3.18, 2.29],
  263: [4.45, 2.66],
  358: [1.79, -0.98],
};

/** A frontal face in image pixels: 20 px per cm, centred on (200, 200), y down. */
function frontalFace(): Float32Array {
  const points = new Float32Array(478 * 3);
  for (const [index, [x, y]] of Object.entries(CANONICAL)) {
    points[Number(index) * 3] = 200 + 20 * x;
    points[Number(index) * 3 + 1] = 200 - 20 * y;
  }
  return points;
}

function wash(points: Float32Array, cheek = RIGHT_CHEEKBONE): { positions: Float32Array; alphas: Float32Array } {
  const positions = new Float32Array(BLUSH_VERTICES * 2);
  const alphas = new Float32Array(BLUSH_VERTICES);
  fillBlush(points, cheek, positions, alphas);
  return { positions, alphas };
}

describe('blush along the cheekbone', () => {
  it('is an elongated wash from the apple toward the temple, deepest near the apple', () => {
    const points = frontalFace();
    const { positions, alphas } = wash(points);
    const ax = points[50 * 3]!,
      ay = points[50 * 3 + 1]!;
    const ux = points[227 * 3]! - ax,
      uy = points[227 * 3 + 1]! - ay;
    const length = Math.hypot(ux, uy);
    // Extent along apple → temple and across it, over the edge ring.
    let minAlong = Infinity,
      maxAlong = -Infinity,
      maxAcross = 0;
    for (let k = 1 + BLUSH_RING; k < BLUSH_VERTICES; k++) {
      const dx = positions[k * 2]! - ax,
        dy = positions[k * 2 + 1]! - ay;
      const along = (dx * ux + dy * uy) / length;
      minAlong = Math.min(minAlong, along);
      maxAlong = Math.max(maxAlong, along);
      maxAcross = Math.max(maxAcross, Math.abs(dx * uy - dy * ux) / length);
      expect(alphas[k]).toBe(0);
    }
    expect((maxAlong - minAlong) / (2 * maxAcross)).toBeGreaterThan(1.5);
    // It reaches toward the temple, up to the cheekbone point under it and not past it.
    expect(maxAlong).toBeGreaterThan(0.8 * length);
    expect(maxAlong).toBeLessThanOrEqual(length + 1e-3);
    // The deepest point (coverage 1) is on the axis, just outside the apple.
    expect(alphas[0]).toBe(1);
    const hot = ((positions[0]! - ax) * ux + (positions[1]! - ay) * uy) / (length * length);
    expect(hot).toBeGreaterThan(0);
    expect(hot).toBeLessThan(0.35);
  });

  it('stays off the eye and the nose, on both cheeks', () => {
    const points = frontalFace();
    for (const [cheek, lid, corner, wing, outward] of [
      [RIGHT_CHEEKBONE, 145, 33, 129, -1],
      [LEFT_CHEEKBONE, 374, 263, 358, 1],
    ] as const) {
      const box = blushBounds(points, cheek, wash(points, cheek));
      // Under the lower lid and the eye's outer corner by ≥ 0.5 cm (10 px), beside the nose's wing by ≥ 1 cm.
      expect(box.minY).toBeGreaterThan(points[lid * 3 + 1]! + 10);
      expect(box.minY).toBeGreaterThan(points[corner * 3 + 1]! + 10);
      if (outward < 0) expect(box.maxX).toBeLessThan(points[wing * 3]! - 20);
      else expect(box.minX).toBeGreaterThan(points[wing * 3]! + 20);
    }
  });

  it('keeps under the lid when the lid comes close (landmarks off, an unusual face)', () => {
    const points = frontalFace();
    // The lower lid 1 cm above the apple instead of 3.
    points[145 * 3 + 1] = points[50 * 3 + 1]! - 20;
    const { positions } = wash(points);
    // Distance from the apple → temple axis toward the lid (the wash's height is measured across it).
    const ax = points[50 * 3]!,
      ay = points[50 * 3 + 1]!;
    const ux = points[227 * 3]! - ax,
      uy = points[227 * 3 + 1]! - ay;
    const length = Math.hypot(ux, uy);
    const towardLid = (x: number, y: number) => -((x - ax) * uy - (y - ay) * ux) / length;
    const lid = towardLid(points[145 * 3]!, points[145 * 3 + 1]!);
    expect(lid).toBeGreaterThan(0);
    for (let k = 0; k < BLUSH_VERTICES; k++) expect(towardLid(positions[k * 2]!, positions[k * 2 + 1]!)).toBeLessThan(0.75 * lid);
  });

  it('indexes a fan and a strip inside the vertex range', () => {
    const indices = blushIndices();
    expect(indices.length).toBe(BLUSH_RING * 9);
    expect(Math.max(...indices)).toBe(BLUSH_VERTICES - 1);
  });
});
