/**
 * Where a frame's look is drawn. On a software renderer the compositor redraws only this box with
 * WebGL (the rest of the frame is copied as is), so its cost follows the face, not the frame.
 */

/** A box in image pixels grown point by point; reused every frame (no allocation). */
export class PixelBox {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;

  clear(): void {
    this.minX = Infinity;
    this.minY = Infinity;
    this.maxX = -Infinity;
    this.maxY = -Infinity;
  }

  get empty(): boolean {
    return !(this.minX <= this.maxX && this.minY <= this.maxY);
  }

  /** Ignores non-finite points (a degenerate pose must not blow the box up to the whole frame). */
  add(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (x < this.minX) this.minX = x;
    if (x > this.maxX) this.maxX = x;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
  }
}

/** A rectangle of whole canvas pixels, top-left origin (what is redrawn and read back). */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The canvas rectangle to redraw for `box` (image pixels): grown by `margin` on every side (feathered
 * edges, the shader's neighbourhood taps, antialiasing), mirrored when the frame is shown mirrored,
 * snapped outwards to even pixels and clamped to the frame. Writes into `out`; false when nothing
 * of the box is inside the frame.
 */
export function drawRegion(box: PixelBox, width: number, height: number, margin: number, mirrored: boolean, out: PixelRect): boolean {
  if (box.empty) return false;
  let left = box.minX - margin;
  let right = box.maxX + margin;
  if (mirrored) {
    const l = width - right;
    right = width - left;
    left = l;
  }
  // Even edges: with an odd-sized viewport SwiftShader rasterises 3D edges half a pixel apart, so the
  // same glasses came out differently in rectangles that differed only in size (a look with and
  // without its lips: ~300 edge pixels moved by > 12).
  const x0 = Math.max(0, 2 * Math.floor(left / 2));
  const x1 = Math.min(width, 2 * Math.ceil(right / 2));
  const y0 = Math.max(0, 2 * Math.floor((box.minY - margin) / 2));
  const y1 = Math.min(height, 2 * Math.ceil((box.maxY + margin) / 2));
  if (x1 <= x0 || y1 <= y0) return false;
  out.x = x0;
  out.y = y0;
  out.width = x1 - x0;
  out.height = y1 - y0;
  return true;
}
