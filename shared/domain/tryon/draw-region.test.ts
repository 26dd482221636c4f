import { describe, expect, it } from 'vitest';
import { PixelBox, drawRegion, type PixelRect } from './draw-region';

describe('drawRegion', () => {
  const rect = (): PixelRect => ({ x: -1, y: -1, width: -1, height: -1 });

  it('grows the box by the margin and snaps it outwards to even pixels', () => {
    const box = new PixelBox();
    box.add(100.4, 50.6);
    box.add(180.2, 90.1);
    const out = rect();
    expect(drawRegion(box, 640, 480, 4, false, out)).toBe(true);
    // 96.4 → 96, 46.6 → 46, 184.2 → 186, 94.1 → 96: even edges, so even sizes.
    expect(out).toEqual({ x: 96, y: 46, width: 186 - 96, height: 96 - 46 });
  });

  it('mirrors the box for a mirrored frame', () => {
    const box = new PixelBox();
    box.add(100, 50);
    box.add(180, 90);
    const out = rect();
    drawRegion(box, 640, 480, 0, true, out);
    expect(out).toEqual({ x: 640 - 180, y: 50, width: 80, height: 40 });
  });

  it('clamps to the frame and says so when nothing is left inside it', () => {
    const box = new PixelBox();
    box.add(-50, -20);
    box.add(30, 500);
    const out = rect();
    expect(drawRegion(box, 640, 480, 2, false, out)).toBe(true);
    expect(out).toEqual({ x: 0, y: 0, width: 32, height: 480 });
    box.clear();
    box.add(700, 10);
    box.add(720, 20);
    expect(drawRegion(box, 640, 480, 2, false, out)).toBe(false);
  });

  it('is empty until a finite point is added, and ignores non-finite ones', () => {
    const box = new PixelBox();
    expect(box.empty).toBe(true);
    expect(drawRegion(box, 640, 480, 8, false, rect())).toBe(false);
    box.add(Number.NaN, 10);
    box.add(10, Number.POSITIVE_INFINITY);
    expect(box.empty).toBe(true);
    box.add(10, 10);
    expect(box.empty).toBe(false);
    const out = rect();
    drawRegion(box, 640, 480, 1, false, out);
    expect(out).toEqual({ x: 8, y: 8, width: 4, height: 4 });
  });
});
