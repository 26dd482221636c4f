import { LIP_MASK_SIZE, type LipMask } from './lip-mask-grid';

/** The lip mask's last two passes (lip-mask.ts): the lips' holes filled, their inside made even. */

/**
 * Holes in the lips: cells left (mostly) uncoloured that the lips enclose — a highlight or a pale spot
 * the colour or the tooth test turned down — are lip. Uncoloured cells reached from outside the lips or
 * from an open mouth's opening (4-connected) stay as they are: the skin, the teeth, the mouth.
 *
 * Walked from the lips' side: each patch of uncoloured lip cells is followed until it touches an
 * uncoloured cell outside the lips or the grid's edge (then it is reached from outside) or ends (a
 * hole). The same cells are filled as by a flood from outside, without flooding the skin around the
 * mouth, most of the grid.
 */
export function fillHoles(mask: LipMask): void {
  const { alpha, zone, cols, rows } = mask;
  // The patch being followed, and the cells already in one.
  const patch = mask.stack;
  const seen = mask.label;
  seen.fill(0, 0, rows * cols);
  for (let r = 1; r < rows - 1; r++) {
    for (let c = 1; c < cols - 1; c++) {
      const cell = r * cols + c;
      if (zone[cell] !== 1 || seen[cell] || alpha[r * LIP_MASK_SIZE + c]! >= 128) continue;
      seen[cell] = 1;
      patch[0] = cell;
      let size = 1;
      let reached = false;
      for (let k = 0; k < size; k++) {
        // A patch's cells are off the grid's edge: all four neighbours exist.
        const at = patch[k]!;
        const ac = at % cols,
          ar = (at - ac) / cols;
        for (let n = 0; n < 4; n++) {
          const nc = n === 0 ? ac - 1 : n === 1 ? ac + 1 : ac,
            nr = n === 2 ? ar - 1 : n === 3 ? ar + 1 : ar;
          const next = nr * cols + nc;
          if (seen[next] || alpha[nr * LIP_MASK_SIZE + nc]! >= 128) continue;
          if (zone[next] !== 1 || nr === 0 || nr === rows - 1 || nc === 0 || nc === cols - 1) {
            reached = true;
            continue;
          }
          seen[next] = 1;
          patch[size++] = next;
        }
      }
      if (!reached) {
        for (let k = 0; k < size; k++) {
          const at = patch[k]!;
          const ac = at % cols;
          alpha[((at - ac) / cols) * LIP_MASK_SIZE + ac] = 255;
        }
      }
    }
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
