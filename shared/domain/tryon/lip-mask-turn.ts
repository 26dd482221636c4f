/**
 * The lip mask's correction for a turned head (lip-mask.ts, before anything else reads the contours).
 *
 * On a turned head the far half of the mouth is seen obliquely (the lips curve around the teeth), so
 * it looks narrower than the near half. The face mesh foreshortens it too little: its far half stays
 * too wide, and the far corner and the far half's outline overshoot the lips onto the cheek and the
 * chin (by 3–8 px on the set's heads turned ~15°), where the skin in the lips' shade can be as red as
 * the lips and the colour cannot find the edge. How turned the mesh's mouth is shows in its own
 * contour: the far half, from the lips' middle (the midpoint of the outer contour's top and bottom
 * middle points) to the far corner, is shorter than the near half. So the far half of both contours
 * is pulled toward that middle in proportion to that asymmetry (beyond what a frontal face shows on
 * its own), the more the nearer a point lies to the far corner.
 */

/** Outer contour (LIPS_OUTER order, x y pairs): the corners and the middle points of the top and bottom. */
const CORNER_A = 0;
const BOTTOM_MIDDLE = 5;
const CORNER_B = 10;
const TOP_MIDDLE = 15;

/**
 * Asymmetry ((near half − far half) / both) that a contour shows without a turn worth correcting, from
 * the expression and the mesh's own noise. On the labelled set's 478-point lips: 1.2–4.5 % on the
 * faces within 8° of frontal, 21–22 % on the two turned ~15°; the 468-point lips (live) of the faces
 * turned 7–11° show 10–16 % and are pulled a little.
 */
const FRONTAL_ASYMMETRY = 0.06;
/** How much the far corner is pulled in per unit of asymmetry beyond FRONTAL_ASYMMETRY. */
const FORESHORTEN = 0.8;

/**
 * How turned the mouth looks: (half toward corner B − half toward corner A) / their sum, from the
 * outer contour (`outer` in LIPS_OUTER order). Positive: corner A is the far one.
 */
export function mouthAsymmetry(outer: Float32Array): number {
  const cx = (outer[TOP_MIDDLE * 2]! + outer[BOTTOM_MIDDLE * 2]!) / 2,
    cy = (outer[TOP_MIDDLE * 2 + 1]! + outer[BOTTOM_MIDDLE * 2 + 1]!) / 2;
  const a = Math.hypot(outer[CORNER_A * 2]! - cx, outer[CORNER_A * 2 + 1]! - cy);
  const b = Math.hypot(outer[CORNER_B * 2]! - cx, outer[CORNER_B * 2 + 1]! - cy);
  return a + b > 0 ? (b - a) / (a + b) : 0;
}

/**
 * Pulls the far half of both contours (x y pairs, in place) toward the lips' middle: a point is moved
 * toward it by FORESHORTEN × (asymmetry − FRONTAL_ASYMMETRY) of its distance, times how far along the
 * way to the far corner it lies (0 at the middle, 1 at the corner and beyond). Returns that pull at
 * the far corner (0: the mouth looks frontal and nothing moved).
 */
export function foreshortenFarSide(outer: Float32Array, inner: Float32Array): number {
  const asymmetry = mouthAsymmetry(outer);
  const pull = FORESHORTEN * Math.max(0, Math.abs(asymmetry) - FRONTAL_ASYMMETRY);
  if (pull === 0) return 0;
  const cx = (outer[TOP_MIDDLE * 2]! + outer[BOTTOM_MIDDLE * 2]!) / 2,
    cy = (outer[TOP_MIDDLE * 2 + 1]! + outer[BOTTOM_MIDDLE * 2 + 1]!) / 2;
  const far = asymmetry > 0 ? CORNER_A : CORNER_B;
  const fx = outer[far * 2]! - cx,
    fy = outer[far * 2 + 1]! - cy;
  const length2 = fx * fx + fy * fy;
  if (!(length2 > 0)) return 0;
  pullToward(outer, cx, cy, fx, fy, length2, pull);
  pullToward(inner, cx, cy, fx, fy, length2, pull);
  return pull;
}

function pullToward(xy: Float32Array, cx: number, cy: number, fx: number, fy: number, length2: number, pull: number): void {
  for (let i = 0; i < xy.length; i += 2) {
    const px = xy[i]! - cx,
      py = xy[i + 1]! - cy;
    const along = Math.min(1, Math.max(0, (px * fx + py * fy) / length2));
    const keep = 1 - pull * along;
    xy[i] = cx + px * keep;
    xy[i + 1] = cy + py * keep;
  }
}
