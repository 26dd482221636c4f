import { CANONICAL_BASIS } from './canonical-face';

/**
 * Head pose as a similarity transform (rotation, uniform scale, translation) that maps the
 * canonical face (centimetres) onto the observed landmarks, found with Horn's closed-form
 * quaternion method — the same least-squares optimum as Umeyama/Kabsch, but its 4×4 symmetric
 * eigenproblem is solved in place, with no SVD library and no per-frame allocation.
 *
 * Observed landmarks are in "scene" coordinates: image x to the right, y UP (−image y), z toward the
 * camera (−tfjs z). See `landmarksToScene`.
 */
export class HeadPoseSolver {
  /** Column-major 4×4 (three.js Matrix4.elements layout): canonical cm → scene pixels. */
  readonly matrix = new Float32Array(16);
  /** Uniform scale: scene pixels per canonical centimetre. */
  scale = 0;
  /** Weighted RMS residual of the last fit, in scene pixels. */
  residual = 0;

  private readonly indices: Int32Array;
  private readonly weights: Float64Array;
  private readonly canonical: Float64Array;
  private readonly centredCanonical: Float64Array;
  private readonly centredCanonicalNorm: number;
  private readonly canonicalCentroid = new Float64Array(3);
  private readonly observed: Float64Array;
  private readonly n = new Float64Array(16);
  private readonly eigenvectors = new Float64Array(16);
  private readonly rotation = new Float64Array(9);

  constructor(basis: readonly (readonly [number, number, number, number, number])[] = CANONICAL_BASIS) {
    const count = basis.length;
    this.indices = new Int32Array(count);
    this.weights = new Float64Array(count);
    this.canonical = new Float64Array(count * 3);
    this.centredCanonical = new Float64Array(count * 3);
    this.observed = new Float64Array(count * 3);
    let total = 0;
    for (const row of basis) total += row[1];
    basis.forEach(([index, weight, x, y, z], i) => {
      this.indices[i] = index;
      this.weights[i] = weight / total;
      this.canonical.set([x, y, z], i * 3);
    });
    const c = this.canonicalCentroid;
    for (let i = 0; i < count; i++) for (let k = 0; k < 3; k++) c[k] = c[k]! + this.weights[i]! * this.canonical[i * 3 + k]!;
    let norm = 0;
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < 3; k++) {
        const v = this.canonical[i * 3 + k]! - c[k]!;
        this.centredCanonical[i * 3 + k] = v;
        norm += this.weights[i]! * v * v;
      }
    }
    this.centredCanonicalNorm = norm;
  }

  /** The landmark indices the fit reads (all below 468, so both face models work). */
  get landmarkIndices(): Int32Array {
    return this.indices;
  }

  /**
   * Fits the pose to `scene` (x, y, z per landmark, scene coordinates). Returns false, leaving the
   * previous matrix, when the points are degenerate.
   */
  solve(scene: Float32Array): boolean {
    const count = this.indices.length;
    const obs = this.observed;
    let cx = 0;
    let cy = 0;
    let cz = 0;
    for (let i = 0; i < count; i++) {
      const j = this.indices[i]! * 3;
      const w = this.weights[i]!;
      obs[i * 3] = scene[j]!;
      obs[i * 3 + 1] = scene[j + 1]!;
      obs[i * 3 + 2] = scene[j + 2]!;
      cx += w * scene[j]!;
      cy += w * scene[j + 1]!;
      cz += w * scene[j + 2]!;
    }
    // Cross-covariance S = Σ w (a − ā)(b − b̄)ᵀ, a canonical, b observed.
    let sxx = 0,
      sxy = 0,
      sxz = 0,
      syx = 0,
      syy = 0,
      syz = 0,
      szx = 0,
      szy = 0,
      szz = 0;
    for (let i = 0; i < count; i++) {
      const w = this.weights[i]!;
      const ax = this.centredCanonical[i * 3]!,
        ay = this.centredCanonical[i * 3 + 1]!,
        az = this.centredCanonical[i * 3 + 2]!;
      const bx = obs[i * 3]! - cx,
        by = obs[i * 3 + 1]! - cy,
        bz = obs[i * 3 + 2]! - cz;
      sxx += w * ax * bx;
      sxy += w * ax * by;
      sxz += w * ax * bz;
      syx += w * ay * bx;
      syy += w * ay * by;
      syz += w * ay * bz;
      szx += w * az * bx;
      szy += w * az * by;
      szz += w * az * bz;
    }
    const n = this.n;
    n[0] = sxx + syy + szz;
    n[1] = syz - szy;
    n[2] = szx - sxz;
    n[3] = sxy - syx;
    n[4] = n[1];
    n[5] = sxx - syy - szz;
    n[6] = sxy + syx;
    n[7] = szx + sxz;
    n[8] = n[2];
    n[9] = n[6];
    n[10] = -sxx + syy - szz;
    n[11] = syz + szy;
    n[12] = n[3];
    n[13] = n[7];
    n[14] = n[11];
    n[15] = -sxx - syy + szz;
    const best = jacobiLargestEigenvector(n, this.eigenvectors);
    const v = this.eigenvectors;
    const qw = v[best]!,
      qx = v[4 + best]!,
      qy = v[8 + best]!,
      qz = v[12 + best]!;
    const qn = Math.hypot(qw, qx, qy, qz);
    if (!(qn > 0) || !(this.centredCanonicalNorm > 0)) return false;
    quaternionToRotation(qw / qn, qx / qn, qy / qn, qz / qn, this.rotation);
    const r = this.rotation;
    // Scale: Σ w (b − b̄)·R(a − ā) / Σ w |a − ā|².
    let dot = 0;
    for (let i = 0; i < count; i++) {
      const w = this.weights[i]!;
      const ax = this.centredCanonical[i * 3]!,
        ay = this.centredCanonical[i * 3 + 1]!,
        az = this.centredCanonical[i * 3 + 2]!;
      const rx = r[0]! * ax + r[1]! * ay + r[2]! * az;
      const ry = r[3]! * ax + r[4]! * ay + r[5]! * az;
      const rz = r[6]! * ax + r[7]! * ay + r[8]! * az;
      dot += w * ((obs[i * 3]! - cx) * rx + (obs[i * 3 + 1]! - cy) * ry + (obs[i * 3 + 2]! - cz) * rz);
    }
    const s = dot / this.centredCanonicalNorm;
    if (!(s > 0) || !Number.isFinite(s)) return false;
    const c = this.canonicalCentroid;
    const tx = cx - s * (r[0]! * c[0]! + r[1]! * c[1]! + r[2]! * c[2]!);
    const ty = cy - s * (r[3]! * c[0]! + r[4]! * c[1]! + r[5]! * c[2]!);
    const tz = cz - s * (r[6]! * c[0]! + r[7]! * c[1]! + r[8]! * c[2]!);
    const m = this.matrix;
    m[0] = s * r[0]!;
    m[1] = s * r[3]!;
    m[2] = s * r[6]!;
    m[3] = 0;
    m[4] = s * r[1]!;
    m[5] = s * r[4]!;
    m[6] = s * r[7]!;
    m[7] = 0;
    m[8] = s * r[2]!;
    m[9] = s * r[5]!;
    m[10] = s * r[8]!;
    m[11] = 0;
    m[12] = tx;
    m[13] = ty;
    m[14] = tz;
    m[15] = 1;
    this.scale = s;
    let residual = 0;
    for (let i = 0; i < count; i++) {
      const a0 = this.canonical[i * 3]!,
        a1 = this.canonical[i * 3 + 1]!,
        a2 = this.canonical[i * 3 + 2]!;
      const ex = m[0] * a0 + m[4] * a1 + m[8] * a2 + tx - obs[i * 3]!;
      const ey = m[1] * a0 + m[5] * a1 + m[9] * a2 + ty - obs[i * 3 + 1]!;
      const ez = m[2] * a0 + m[6] * a1 + m[10] * a2 + tz - obs[i * 3 + 2]!;
      residual += this.weights[i]! * (ex * ex + ey * ey + ez * ez);
    }
    this.residual = Math.sqrt(residual);
    return true;
  }

  /** Yaw (turn left/right) in radians, from the matrix: 0 facing the camera. */
  yaw(): number {
    const m = this.matrix;
    // The canonical +z (out of the face) axis, rotated: its x against its z gives the turn.
    return Math.atan2(m[8]!, m[10]!);
  }
}

/** Converts landmarks (image pixels x, y down, tfjs z growing away from the camera) into scene coordinates in `out`. */
export function landmarksToScene(points: Float32Array, count: number, out: Float32Array): void {
  for (let i = 0; i < count; i++) {
    out[i * 3] = points[i * 3]!;
    out[i * 3 + 1] = -points[i * 3 + 1]!;
    out[i * 3 + 2] = -points[i * 3 + 2]!;
  }
}

function quaternionToRotation(w: number, x: number, y: number, z: number, out: Float64Array): void {
  out[0] = 1 - 2 * (y * y + z * z);
  out[1] = 2 * (x * y - w * z);
  out[2] = 2 * (x * z + w * y);
  out[3] = 2 * (x * y + w * z);
  out[4] = 1 - 2 * (x * x + z * z);
  out[5] = 2 * (y * z - w * x);
  out[6] = 2 * (x * z - w * y);
  out[7] = 2 * (y * z + w * x);
  out[8] = 1 - 2 * (x * x + y * y);
}

/**
 * Cyclic Jacobi eigen-decomposition of a symmetric 4×4 matrix `a` (destroyed; row-major), writing
 * eigenvectors as the columns of `v`. Returns the column of the largest eigenvalue.
 */
export function jacobiLargestEigenvector(a: Float64Array, v: Float64Array): number {
  v.fill(0);
  v[0] = v[5] = v[10] = v[15] = 1;
  for (let sweep = 0; sweep < 24; sweep++) {
    let off = 0;
    for (let p = 0; p < 4; p++) for (let q = p + 1; q < 4; q++) off += a[p * 4 + q]! * a[p * 4 + q]!;
    if (off < 1e-22) break;
    for (let p = 0; p < 3; p++) {
      for (let q = p + 1; q < 4; q++) {
        const apq = a[p * 4 + q]!;
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q * 4 + q]! - a[p * 4 + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < 4; k++) {
          const akp = a[k * 4 + p]!,
            akq = a[k * 4 + q]!;
          a[k * 4 + p] = c * akp - s * akq;
          a[k * 4 + q] = s * akp + c * akq;
        }
        for (let k = 0; k < 4; k++) {
          const apk = a[p * 4 + k]!,
            aqk = a[q * 4 + k]!;
          a[p * 4 + k] = c * apk - s * aqk;
          a[q * 4 + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < 4; k++) {
          const vkp = v[k * 4 + p]!,
            vkq = v[k * 4 + q]!;
          v[k * 4 + p] = c * vkp - s * vkq;
          v[k * 4 + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < 4; i++) if (a[i * 4 + i]! > a[best * 4 + best]!) best = i;
  return best;
}
