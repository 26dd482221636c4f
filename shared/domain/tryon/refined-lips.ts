/**
 * The lips of the 478-point attention mesh on top of a 468-point result (issue 16 §1: stills on a
 * CPU-only machine are shown with the 468-point mesh at once, then redrawn with these lips).
 *
 * The attention mesh refines 80 of the 468 mesh points with its own lip model (MediaPipe's
 * `LANDMARKS_REFINEMENT_LIPS_CONFIG`, in this order): the outer and inner contours the makeup and the
 * lip mask are built from (LIPS_OUTER, LIPS_INNER in regions.ts) and the two rings between them. Only
 * those are taken, so everything else drawn on the face (eyes, cheeks, glasses, hats and their fits)
 * stays exactly where the 468-point result put it.
 */
export const LIPS_REFINED: readonly number[] = [
  // Lower outer.
  61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291,
  // Upper outer (no corners).
  185, 40, 39, 37, 0, 267, 269, 270, 409,
  // Lower inner.
  78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308,
  // Upper inner (no corners).
  191, 80, 81, 82, 13, 312, 311, 310, 415,
  // Lower semi-outer.
  76, 77, 90, 180, 85, 16, 315, 404, 320, 307, 306,
  // Upper semi-outer (no corners).
  184, 74, 73, 72, 11, 302, 303, 304, 408,
  // Lower semi-inner.
  62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292,
  // Upper semi-inner (no corners).
  183, 42, 41, 38, 12, 268, 271, 272, 407,
];

/**
 * Copies the refined lip landmarks (x, y, z of each LIPS_REFINED index) from `refined` into `points`
 * (both image pixels, 3 floats a landmark); every other landmark of `points` is left as it is.
 * Returns `points`. Allocation-free.
 */
export function mergeRefinedLips(points: Float32Array, refined: Float32Array): Float32Array {
  for (let k = 0; k < LIPS_REFINED.length; k++) {
    const i = LIPS_REFINED[k]! * 3;
    points[i] = refined[i]!;
    points[i + 1] = refined[i + 1]!;
    points[i + 2] = refined[i + 2]!;
  }
  return points;
}
