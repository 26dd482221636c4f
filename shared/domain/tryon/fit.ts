/**
 * Seating an accessory on this face, not on the average one (issue 16 §4). The head pose maps the
 * canonical face (centimetres) onto the landmarks as a whole; a pair of glasses or a hat must also
 * sit on this person's nose or forehead and be sized from this person's eyes or temples. The fit is
 * a head-space transform F = T(observed anchor) · S(k) · T(−canonical anchor), drawn as pose · F:
 *
 * - glasses: the bridge on the nose (landmark 168, between the eyes); k from the interpupillary
 *   distance, so frames modelled in real centimetres come out in real millimetres. Without a known
 *   IPD the adult mean, 63 mm, is assumed — which is also the canonical face's eye-centre distance,
 *   so k = measured IPD (head space) / 6.3.
 * - hats: the band's front at the top of the forehead (landmark 10); k from the temple width
 *   (landmarks 21 and 251) against the canonical face's; the model itself carries the hair allowance.
 *
 * Everything is measured in head space (the pose's inverse applied to the landmarks), so a turned or
 * tilted head gives the same fit as a frontal one. Per frame: no allocation.
 */

/** Canonical-face positions (cm) of the landmarks the fits read (MediaPipe's canonical mesh). */
export const CANONICAL_POINTS = {
  168: [0, 3.27, 5.24],
  10: [0, 8.26, 4.48],
  21: [-7.09, 5.43, 0.1],
  251: [7.09, 5.43, 0.1],
  33: [-4.45, 2.66, 3.17],
  133: [-1.86, 2.59, 3.76],
  362: [1.86, 2.59, 3.76],
  263: [4.45, 2.66, 3.17],
} as const satisfies Record<number, readonly [number, number, number]>;

/** The adult mean interpupillary distance, cm (also the canonical face's eye-centre distance). */
export const MEAN_IPD_CM = 6.3;

export type FitKind = 'glasses' | 'hat';

export interface FitRule {
  /** The landmark the model's anchor point is put on. */
  readonly anchor: keyof typeof CANONICAL_POINTS;
  /** What sizes the model: the eye centres (IPD) or a pair of landmarks. */
  readonly span: 'eyes' | readonly [keyof typeof CANONICAL_POINTS, keyof typeof CANONICAL_POINTS];
  /** The span's real length the model was made for, cm. */
  readonly spanCm: number;
  /** The scale is kept within this band around 1 (a mistracked frame must not blow a hat up). */
  readonly maxScaleChange: number;
  /** The anchor moves at most this far from its canonical place, cm per axis. */
  readonly maxShiftCm: number;
}

export const FIT_RULES: Readonly<Record<FitKind, FitRule>> = {
  glasses: { anchor: 168, span: 'eyes', spanCm: MEAN_IPD_CM, maxScaleChange: 0.3, maxShiftCm: 1.5 },
  hat: { anchor: 10, span: [21, 251], spanCm: 14.18, maxScaleChange: 0.3, maxShiftCm: 2 },
};

/** Iris centres in the 478-point mesh. */
const RIGHT_IRIS = 468;
const LEFT_IRIS = 473;

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/**
 * One accessory's fit, solved per frame into `matrix` (column-major 4×4, head space → head space).
 * `scale` is k; `shift` the anchor's move from its canonical place (cm).
 */
export class AccessoryFit {
  readonly matrix = new Float32Array(16);
  scale = 1;
  readonly shift = new Float64Array(3);
  private readonly a = new Float64Array(3);
  private readonly b = new Float64Array(3);
  private readonly c = new Float64Array(3);

  constructor(readonly rule: FitRule) {
    this.identity();
  }

  /**
   * Fits to `points` (image pixels x, y down, tfjs z; `count` landmarks) under `pose` (the head pose
   * solver's matrix: canonical cm → scene). Returns false, leaving the identity, when the pose cannot
   * be inverted.
   */
  solve(points: Float32Array, count: number, pose: Float32Array): boolean {
    const m = pose;
    // The pose is s·R then a translation: its inverse is Rᵀ/s applied after the translation back.
    const s2 = m[0]! * m[0]! + m[1]! * m[1]! + m[2]! * m[2]!;
    if (!(s2 > 0) || !Number.isFinite(s2)) {
      this.identity();
      return false;
    }
    const rule = this.rule;

    if (rule.span === 'eyes') {
      if (count >= 478) {
        toHead(points, RIGHT_IRIS, m, s2, this.a);
        toHead(points, LEFT_IRIS, m, s2, this.b);
      } else {
        eyeCentre(points, 33, 133, m, s2, this.a, this.c);
        eyeCentre(points, 362, 263, m, s2, this.b, this.c);
      }
    } else {
      toHead(points, rule.span[0], m, s2, this.a);
      toHead(points, rule.span[1], m, s2, this.b);
    }
    const span = Math.hypot(this.a[0]! - this.b[0]!, this.a[1]! - this.b[1]!, this.a[2]! - this.b[2]!);
    const k = clamp(span / rule.spanCm, 1 - rule.maxScaleChange, 1 + rule.maxScaleChange);
    const canonical = CANONICAL_POINTS[rule.anchor];
    toHead(points, rule.anchor, m, s2, this.c);
    for (let i = 0; i < 3; i++) this.shift[i] = clamp(this.c[i]! - canonical[i]!, -rule.maxShiftCm, rule.maxShiftCm);
    this.scale = k;
    // T(canonical + shift) · S(k) · T(−canonical)
    const f = this.matrix;
    f.fill(0);
    f[0] = f[5] = f[10] = k;
    f[15] = 1;
    for (let i = 0; i < 3; i++) f[12 + i] = canonical[i]! + this.shift[i]! - k * canonical[i]!;
    return true;
  }

  identity(): void {
    this.matrix.fill(0);
    this.matrix[0] = this.matrix[5] = this.matrix[10] = this.matrix[15] = 1;
    this.scale = 1;
    this.shift.fill(0);
  }
}

/** Landmark `index` (image pixels) into head space (canonical cm) through the inverse of `m`. */
function toHead(points: Float32Array, index: number, m: Float32Array, s2: number, out: Float64Array): void {
  // Scene coordinates: x, −y, −z (see landmarksToScene).
  const x = points[index * 3]! - m[12]!;
  const y = -points[index * 3 + 1]! - m[13]!;
  const z = -points[index * 3 + 2]! - m[14]!;
  // (s·R)ᵀ / s² = R ᵀ / s: the columns of m dotted with the point.
  out[0] = (m[0]! * x + m[1]! * y + m[2]! * z) / s2;
  out[1] = (m[4]! * x + m[5]! * y + m[6]! * z) / s2;
  out[2] = (m[8]! * x + m[9]! * y + m[10]! * z) / s2;
}

function eyeCentre(points: Float32Array, outer: number, inner: number, m: Float32Array, s2: number, out: Float64Array, scratch: Float64Array): void {
  toHead(points, outer, m, s2, out);
  toHead(points, inner, m, s2, scratch);
  for (let i = 0; i < 3; i++) out[i] = (out[i]! + scratch[i]!) / 2;
}
