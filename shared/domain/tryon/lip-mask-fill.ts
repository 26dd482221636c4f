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
  // Per cell: 1 reached from outside (or a seed), 0 bare and not reached (yet), 2 coloured (a wall).
  const reached = mask.label;
  const count = rows * cols;
  let top = 0;
  for (let r = 0, cell = 0; r < rows; r++) {
    const row = r * LIP_MASK_SIZE;
    for (let c = 0; c < cols; c++, cell++) {
      const bare = alpha[row + c]! < 128;
      const seed = bare && (zone[cell] !== 1 || r === 0 || r === rows - 1 || c === 0 || c === cols - 1);
      reached[cell] = seed ? 1 : bare ? 0 : 2;
      if (seed) stack[top++] = cell;
    }
  }
  while (top > 0) {
    const cell = stack[--top]!;
    const c = cell % cols;
    for (let k = 0; k < 4; k++) {
      const next = k === 0 ? (c > 0 ? cell - 1 : -1) : k === 1 ? (c < cols - 1 ? cell + 1 : -1) : k === 2 ? cell - cols : cell + cols;
      if (next < 0 || next >= count || reached[next] !== 0) continue;
      reached[next] = 1;
      stack[top++] = next;
    }
  }
  for (let r = 0, cell = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, cell++) if (zone[cell] === 1 && reached[cell] === 0) alpha[r * LIP_MASK_SIZE + c] = 255;
  }
}

/**
 * Inside the lips (between the shifted contours) a cell the colour calls even faintly lip is lip: its
 * alpha goes up a steep ramp (full from 112/255, none below 16/255). The colour ramp's partial alphas
 * there were noise — a matte shade over them was blotchy, the bare lip showing through in specks —
 * while the soft edges at the outline, where skin begins, stay soft.
 */
export function liftInside(mask: LipMask): void {
  const { alpha, zone, colour, cols, rows } = mask;
  const lifted = mask.prior;
  for (let r = 0, cell = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, cell++) {
      const a = alpha[r * LIP_MASK_SIZE + c]!;
      const t = Math.min(1, Math.max(0, (a - 16) / 96));
      lifted[cell] = zone[cell] === 1 ? Math.max(a, 255 * t * t * (3 - 2 * t)) : a;
    }
  }
  // Then, over the lips' cells, no more than the 3 × 3 mean: the steeper ramp does not leave a hard
  // edge where the colour stops inside the lips (a pale part of the lower lip), softened from the
  // coloured side only, so no uncoloured cell is coloured by it; the opening's cells are left alone.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = r * cols + c;
      if (zone[cell] !== 1) continue;
      let sum = 0,
        n = 0;
      if (r > 0 && c > 0 && r < rows - 1 && c < cols - 1) {
        // Away from the grid's edge (nearly every cell), the same nine in the same order, unchecked.
        const up = cell - cols,
          down = cell + cols;
        sum = lifted[up - 1]! + lifted[up]! + lifted[up + 1]! + lifted[cell - 1]! + lifted[cell]! + lifted[cell + 1]! + lifted[down - 1]! + lifted[down]! + lifted[down + 1]!;
        n = 9;
      } else {
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr,
              cc = c + dc;
            if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
            sum += lifted[rr * cols + cc]!;
            n++;
          }
        }
      }
      const own = lifted[cell]!;
      alpha[r * LIP_MASK_SIZE + c] = Math.round(colour[cell]! < 0.02 ? Math.min(own, sum / n) : sum / n);
    }
  }
}
