import { LIP_MASK_SIZE, type LipMask } from './lip-mask-grid';

/** The lip mask's last two passes (lip-mask.ts): the lips' holes filled, their inside made even. */

/**
 * Holes in the lips: cells left (mostly) uncoloured that the lips enclose — a highlight or a pale spot
 * the colour or the tooth test turned down — are lip. Uncoloured cells reached from outside the lips or
 * from an open mouth's opening (4-connected) stay as they are: the skin, the teeth, the mouth.
 */
export function fillHoles(mask: LipMask): void {
  const { alpha, zone, cols, rows } = mask;
  const stack = mask.stack;
  const reached = mask.label;
  const count = rows * cols;
  const bare = (cell: number): boolean => alpha[Math.floor(cell / cols) * LIP_MASK_SIZE + (cell % cols)]! < 128;
  let top = 0;
  for (let cell = 0; cell < count; cell++) {
    const seed = bare(cell) && (zone[cell] !== 1 || cell < cols || cell >= count - cols || cell % cols === 0 || cell % cols === cols - 1);
    reached[cell] = seed ? 1 : 0;
    if (seed) stack[top++] = cell;
  }
  while (top > 0) {
    const cell = stack[--top]!;
    const c = cell % cols;
    for (let k = 0; k < 4; k++) {
      const next = k === 0 ? (c > 0 ? cell - 1 : -1) : k === 1 ? (c < cols - 1 ? cell + 1 : -1) : k === 2 ? cell - cols : cell + cols;
      if (next < 0 || next >= count || reached[next] || !bare(next)) continue;
      reached[next] = 1;
      stack[top++] = next;
    }
  }
  for (let cell = 0; cell < count; cell++) if (zone[cell] === 1 && bare(cell) && !reached[cell]) alpha[Math.floor(cell / cols) * LIP_MASK_SIZE + (cell % cols)] = 255;
}

/**
 * Inside the lips (between the shifted contours) a cell the colour calls even faintly lip is lip: its
 * alpha goes up a steep ramp (full from 112/255, none below 16/255). The colour ramp's partial alphas
 * there were noise — a matte shade over them was blotchy, the bare lip showing through in specks —
 * while the soft edges at the outline, where skin begins, stay soft.
 */
export function liftInside(mask: LipMask): void {
  const { alpha, zone, cols, rows } = mask;
  const lifted = mask.prior;
  for (let cell = 0; cell < rows * cols; cell++) {
    const a = alpha[Math.floor(cell / cols) * LIP_MASK_SIZE + (cell % cols)]!;
    const t = Math.min(1, Math.max(0, (a - 16) / 96));
    lifted[cell] = zone[cell] === 1 ? Math.max(a, 255 * t * t * (3 - 2 * t)) : a;
  }
  // Then, over the lips' cells, no more than the 3 × 3 mean: the steeper ramp does not leave a hard
  // edge where the colour stops inside the lips (a pale part of the lower lip), softened from the
  // coloured side only, so no uncoloured cell is coloured by it; the opening's cells are left alone.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (zone[r * cols + c] !== 1) continue;
      let sum = 0,
        n = 0;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr,
            cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
          sum += lifted[rr * cols + cc]!;
          n++;
        }
      }
      const own = lifted[r * cols + c]!;
      alpha[r * LIP_MASK_SIZE + c] = Math.round(mask.colour[r * cols + c]! < 0.02 ? Math.min(own, sum / n) : sum / n);
    }
  }
}
