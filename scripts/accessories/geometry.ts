/** Geometry helpers for modelling the accessories with three.js in canonical face space. */
import { BufferGeometry, CylinderGeometry, Float32BufferAttribute, Matrix4, Vector3 } from 'three';
import type { QualityTier } from '../../shared/domain/tryon/quality';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/**
 * A model part's tessellation in each rendering tier. On a software rasteriser every triangle costs
 * about a microsecond whatever its size (`npm run bench -- tryon --stages`), so Fast draws a lighter
 * mesh of the same shape; High keeps the full detail for a GPU.
 */
export type Tessellation<T> = Readonly<Record<QualityTier, T>>;

/** One part per tier, High first. */
export function tiers<T>(make: (tier: QualityTier) => T): T[] {
  return [make('high'), make('fast')];
}

export function transformed(geometry: BufferGeometry, matrix: Matrix4): BufferGeometry {
  geometry.applyMatrix4(matrix);
  geometry.deleteAttribute('uv');
  return geometry;
}

export const at = (x: number, y: number, z: number) => new Matrix4().makeTranslation(x, y, z);
export const rotX = (a: number) => new Matrix4().makeRotationX(a);
export const scale = (x: number, y: number, z: number) => new Matrix4().makeScale(x, y, z);
export const chain = (...m: Matrix4[]) => m.reduce((acc, next) => acc.multiply(next), new Matrix4());

/**
 * One geometry from several. Indexed when every part is (three's primitives and `grid` are): a vertex
 * shared by several triangles is then shaded once, where a non-indexed copy per triangle would triple
 * the vertex work (a software rasteriser's cost, `npm run bench -- tryon --stages`).
 */
export function merged(parts: BufferGeometry[]): BufferGeometry {
  const indexed = parts.every((p) => p.index !== null);
  const cleaned = parts.map((p) => {
    const g = indexed || !p.index ? p : p.toNonIndexed();
    g.deleteAttribute('uv');
    return g;
  });
  const result = mergeGeometries(cleaned, false);
  if (!result) throw new Error('could not merge geometries');
  return result;
}

/** A bar from a to b (a cylinder with `sides` sides), for temples and bridges. */
export function bar(a: readonly [number, number, number], b: readonly [number, number, number], radius: number, sides = 8): BufferGeometry {
  const dx = b[0] - a[0],
    dy = b[1] - a[1],
    dz = b[2] - a[2];
  const length = Math.hypot(dx, dy, dz);
  const g = new CylinderGeometry(radius, radius, length, sides, 1, false);
  // Cylinder axis is +y: rotate it onto (dx, dy, dz).
  const axis = new Matrix4().lookAt(new Vector3(0, 0, 0), new Vector3(dx, dy, dz), new Vector3(0, 1, 0));
  return transformed(g, chain(at((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2), axis, rotX(Math.PI / 2)));
}

/** A surface from a (u, v) grid: `point(u, v)` for u, v in [0, 1]; u wraps around when `closedU`. */
export function grid(uSegments: number, vSegments: number, point: (u: number, v: number) => readonly [number, number, number]): BufferGeometry {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let j = 0; j <= vSegments; j++) for (let i = 0; i <= uSegments; i++) positions.push(...point(i / uSegments, j / vSegments));
  const row = uSegments + 1;
  for (let j = 0; j < vSegments; j++) {
    for (let i = 0; i < uSegments; i++) {
      const a = j * row + i,
        b = a + 1,
        c = a + row,
        d = c + 1;
      indices.push(a, c, b, b, c, d);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(positions, 3));
  g.setIndex(indices);
  g.computeVertexNormals();
  return g;
}
