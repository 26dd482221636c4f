/**
 * The lip mask's outline tests (lip-mask.ts), cell by cell along the grid's rows: polygon.ts's
 * insidePolygon and distanceToPolygon give exactly the same answers, for less. They ran for every
 * cell of the mouth's box, each edge of the 20-point contour with a division, twice a frame: most of
 * the mask's time. Here
 *
 * - where a row crosses the outline is worked out once per row, with insidePolygon's own expression,
 *   so a cell only counts the crossings to its right (even-odd);
 * - each edge's constants (start, direction, squared length, box) are worked out once per frame, the
 *   same numbers distanceToPolygon computes per cell;
 * - the distance skips an edge whose box lies farther than the nearest edge found so far (started
 *   from the previous cell's nearest), and the caller's `cap` (no ramp reaches past it) skips the rest:
 *   the minimum, and so the distance, is the same number, because a skipped edge was farther.
 */

/** Per edge: start x, y; direction x, y; squared length; box min x, max x, min y, max y. */
const EDGE = 9;
/**
 * A skipped edge's box must lie this much (relative, plus an absolute ε in px²) beyond the nearest
 * found: the computed distance to an edge can fall a few ulps inside its box, never this far.
 */
const SLACK = 1 + 1e-6;
const SLACK_PX2 = 1e-6;

export class OutlineScan {
  private readonly edges: Float64Array;
  /** Squared vertical distance from the current row to each edge's box. */
  private readonly rowGap: Float64Array;
  /** The edges by that gap, nearest first. */
  private readonly order: Int32Array;
  /** Where the current row crosses the outline (x), `crossingCount` of them. */
  private readonly crossings: Float64Array;
  private crossingCount = 0;
  private sorted = false;
  private n = 0;
  private nearest = 0;

  constructor(points: number) {
    this.edges = new Float64Array(points * EDGE);
    this.rowGap = new Float64Array(points);
    this.order = new Int32Array(points);
    this.crossings = new Float64Array(points);
  }

  /** Takes the outline's edges from `xy` (x y pairs, closed: the last point joins the first). */
  set(xy: Float32Array): void {
    const n = xy.length / 2;
    this.n = n;
    const e = this.edges;
    // Edge i runs from point j = i − 1 to point i, as polygon.ts walks them.
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ax = xy[j * 2]!,
        ay = xy[j * 2 + 1]!,
        bx = xy[i * 2]!,
        by = xy[i * 2 + 1]!;
      const dx = bx - ax,
        dy = by - ay;
      const o = i * EDGE;
      e[o] = ax;
      e[o + 1] = ay;
      e[o + 2] = dx;
      e[o + 3] = dy;
      e[o + 4] = dx * dx + dy * dy;
      e[o + 5] = Math.min(ax, bx);
      e[o + 6] = Math.max(ax, bx);
      e[o + 7] = Math.min(ay, by);
      e[o + 8] = Math.max(ay, by);
    }
    this.nearest = 0;
  }

  /** Moves to image row `y`: its crossings (insidePolygon's test, from `xy`, the outline `set` took) and the edges' vertical gaps. */
  row(xy: Float32Array, y: number): void {
    const n = this.n;
    const e = this.edges;
    let k = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = xy[i * 2]!,
        yi = xy[i * 2 + 1]!,
        xj = xy[j * 2]!,
        yj = xy[j * 2 + 1]!;
      if (yi > y !== yj > y) this.crossings[k++] = ((xj - xi) * (y - yi)) / (yj - yi) + xi;
      const o = i * EDGE;
      const gy = y < e[o + 7]! ? e[o + 7]! - y : y > e[o + 8]! ? y - e[o + 8]! : 0;
      this.rowGap[i] = gy * gy;
    }
    this.crossingCount = k;
    this.sorted = false;
  }

  /** The edges in order of their gap to the row (insertion sort: 20 of them), once a row asks for a distance. */
  private sort(): void {
    const gaps = this.rowGap,
      order = this.order;
    for (let i = 0; i < this.n; i++) {
      const gap = gaps[i]!;
      let at = i;
      for (; at > 0 && gaps[order[at - 1]!]! > gap; at--) order[at] = order[at - 1]!;
      order[at] = i;
    }
    this.sorted = true;
  }

  /** insidePolygon(xy, x, y) for the current row's y. */
  inside(x: number): boolean {
    let inside = false;
    for (let k = 0; k < this.crossingCount; k++) if (x < this.crossings[k]!) inside = !inside;
    return inside;
  }

  /** distanceToPolygon(xy, x, y) for the current row's y where it is under `cap`; Infinity where it is not (at least `cap`). */
  distance(x: number, y: number, cap: number): number {
    if (!this.sorted) this.sort();
    const e = this.edges;
    const gaps = this.rowGap;
    const order = this.order;
    const n = this.n;
    // Nothing counts from cap on: anything not nearer than just beyond it answers Infinity.
    let best = cap * cap * SLACK + SLACK_PX2;
    const capped = best;
    let limit = best * SLACK + SLACK_PX2;
    const hint = this.nearest;
    let nearest = hint;
    // The previous cell's nearest edge first (most often this one's too, so the rest skip), then the
    // edges from the row's nearest out, until they are all too far above or below.
    for (let k = -1; k < n; k++) {
      const i = k < 0 ? hint : order[k]!;
      const gap = gaps[i]!;
      if (gap > limit) {
        if (k < 0) continue;
        break;
      }
      if (k >= 0 && i === hint) continue;
      const o = i * EDGE;
      const gx = x < e[o + 5]! ? e[o + 5]! - x : x > e[o + 6]! ? x - e[o + 6]! : 0;
      if (gx * gx + gap > limit) continue;
      const ax = e[o]!,
        ay = e[o + 1]!,
        dx = e[o + 2]!,
        dy = e[o + 3]!,
        len2 = e[o + 4]!;
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      const ex = ax + t * dx - x,
        ey = ay + t * dy - y;
      const d = ex * ex + ey * ey;
      if (d < best) {
        best = d;
        nearest = i;
        limit = best * SLACK + SLACK_PX2;
      }
    }
    this.nearest = nearest;
    return best < capped ? Math.sqrt(best) : Infinity;
  }
}
