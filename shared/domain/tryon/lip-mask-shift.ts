/** The lip mask's band search (lip-mask.ts): where the tracked band, moved a few cells, lands best on lip colour. */

const SHIFT_COST = 0.003;

/** The band's and an open mouth's opening's cells as runs along grid rows: row, first and last column. */
export interface BandRuns {
  runs: number;
  /** The band's cells (the opening's are not counted). */
  cells: number;
  readonly row: Int16Array;
  readonly start: Int16Array;
  readonly end: Int16Array;
  /** +1 a run of the band, −1 of the opening. */
  readonly sign: Int8Array;
}

/**
 * How well the band's cells, moved by (dx, dy), land on lip-coloured cells and the opening's on cells
 * that are not; a cell moved off the grid counts as not lip. `prefix` holds, per grid row, the running
 * sums of colour − 0.5 (cols + 1 a row), so a run costs two look-ups whatever its length.
 */
export function shiftScore(band: BandRuns, prefix: Float64Array, cols: number, rows: number, dx: number, dy: number): number {
  let score = 0;
  for (let k = 0; k < band.runs; k++) {
    const rr = band.row[k]! + dy;
    const from = band.start[k]! + dx;
    const to = band.end[k]! + dx;
    const lo = Math.max(0, from),
      hi = Math.min(cols - 1, to);
    const on = rr >= 0 && rr < rows && hi >= lo ? hi - lo + 1 : 0;
    // Lip-ness of the cells landed on (colour − 0.5 summed), and −0.5 for each cell off the grid.
    const sum = (on > 0 ? prefix[rr * (cols + 1) + hi + 1]! - prefix[rr * (cols + 1) + lo]! : 0) - 0.5 * (to - from + 1 - on);
    score += band.sign[k]! > 0 ? sum : -sum;
  }
  // The mesh is right unless the colour clearly says otherwise: a shift must land SHIFT_COST of the
  // band more on lip per cell² it moves. A marginal gain is noise (speckles, a pale lip's edge): it
  // moved grace-hopper's band 2 px up for 0.5 % of the band, and the lower lip lost its edge.
  return score - SHIFT_COST * band.cells * (dx * dx + dy * dy);
}
