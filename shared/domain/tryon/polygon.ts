/** Plane geometry on flat `[x0, y0, x1, y1, …]` outlines (closed: the last point joins the first). */

/** Whether (x, y) is inside the outline (even-odd rule). */
export function insidePolygon(xy: Float32Array, x: number, y: number): boolean {
  const n = xy.length / 2;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = xy[i * 2]!,
      yi = xy[i * 2 + 1]!,
      xj = xy[j * 2]!,
      yj = xy[j * 2 + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The distance from (x, y) to the outline's nearest edge. */
export function distanceToPolygon(xy: Float32Array, x: number, y: number): number {
  const n = xy.length / 2;
  let best = Infinity;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ax = xy[j * 2]!,
      ay = xy[j * 2 + 1]!,
      bx = xy[i * 2]!,
      by = xy[i * 2 + 1]!;
    const dx = bx - ax,
      dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
    const ex = ax + t * dx - x,
      ey = ay + t * dy - y;
    const d = ex * ex + ey * ey;
    if (d < best) best = d;
  }
  return Math.sqrt(best);
}
