import { describe, expect, it } from 'vitest';
import { associatedSpots, autoPlace, chipLayout, BACKGROUND_SPOT, distanceInFaceWidths, itemPoint, MAX_ANCHOR_DISTANCE, pointFromPointer, typicalFace, type FaceSample } from './placement';

const face = (t: number, x = 0.35, y = 0.25, w = 0.3, h = 0.4): FaceSample => ({ t, x, y, w, h });

describe('anchor placement', () => {
  it('puts a lipstick anchor beside the lips, within the preset distance', () => {
    const placed = autoPlace('lips', [face(0), face(500), face(1000)], 0, 2000);
    expect(placed.placement).toBe('near-item');
    if (placed.placement !== 'near-item') return;
    // Lips: centre of the box horizontally, 78 % down.
    expect(placed.item.x).toBeCloseTo(0.5);
    expect(placed.item.y).toBeCloseTo(0.25 + 0.78 * 0.4);
    expect(placed.point.y).toBeCloseTo(placed.item.y); // beside, not above
    expect(placed.point.x).toBeGreaterThan(placed.item.x);
    const d = distanceInFaceWidths(placed.point, placed.item, 0.3);
    expect(d).toBeGreaterThan(0.2);
    expect(d).toBeLessThanOrEqual(MAX_ANCHOR_DISTANCE);
  });

  it('puts a hat anchor above the head', () => {
    const placed = autoPlace('head', [face(0)], 0, 1000);
    if (placed.placement !== 'near-item') throw new Error('expected near-item');
    expect(placed.point.y).toBeLessThan(0.25); // above the face box's top
    expect(placed.point.x).toBeCloseTo(0.5);
    expect(distanceInFaceWidths(placed.point, placed.item, 0.3)).toBeLessThanOrEqual(MAX_ANCHOR_DISTANCE);
  });

  it('flips to the other side when the frame edge would push the anchor onto the item', () => {
    // Face partly out of the right edge: "beside the lips on the right" would be off the frame.
    const placed = autoPlace('lips', [face(0, 0.75, 0.3, 0.3, 0.4)], 0, 1000);
    if (placed.placement !== 'near-item') throw new Error('expected near-item');
    expect(placed.point.x).toBeLessThan(placed.item.x);
    expect(placed.point.x).toBeGreaterThanOrEqual(0.04);
    expect(placed.point.x).toBeLessThanOrEqual(0.96);
  });

  it('uses the median face so a stray detection does not drag the anchor away', () => {
    const typical = typicalFace([face(0), face(100), face(200, 0.9, 0.9, 0.05, 0.05), face(300), face(400)], 0, 1000);
    expect(typical).toEqual({ x: 0.35, y: 0.25, w: 0.3, h: 0.4 });
  });

  it('only uses samples inside the window, and falls back to the background when the face was never seen', () => {
    expect(typicalFace([face(5000)], 0, 1000)).toBeNull();
    expect(autoPlace('lips', [], 0, 1000)).toEqual({ placement: 'background', point: BACKGROUND_SPOT });
    expect(autoPlace('lips', [face(5000)], 0, 1000).placement).toBe('background');
  });

  it('places glasses beside the eyes and blush beside the cheek', () => {
    for (const area of ['face', 'cheeks', 'eyes'] as const) {
      const placed = autoPlace(area, [face(0)], 0, 1000);
      if (placed.placement !== 'near-item') throw new Error('expected near-item');
      expect(placed.item).toEqual(itemPoint(area, { x: 0.35, y: 0.25, w: 0.3, h: 0.4 }));
      expect(distanceInFaceWidths(placed.point, placed.item, 0.3)).toBeLessThanOrEqual(MAX_ANCHOR_DISTANCE);
    }
  });

  it('turns a drop position into a frame point, clamped inside the margins', () => {
    expect(pointFromPointer(320, 90, 640, 360)).toEqual({ x: 0.5, y: 0.25 });
    expect(pointFromPointer(-50, 900, 640, 360)).toEqual({ x: 0.04, y: 0.96 });
    expect(pointFromPointer(1, 1, 0, 0)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('runs a chip label outwards, away from the face in the middle, unless it would leave the frame', () => {
    expect([0.1, 0.35, 0.49, 0.5, 0.65, 0.9].map((x) => chipLayout(x).side)).toEqual(['right', 'left', 'left', 'right', 'right', 'left']);
    expect(chipLayout(0.9).room).toBeCloseTo(0.9);
    expect(chipLayout(0.65).room).toBeCloseTo(0.35);
  });

  it('spaces associated anchors in a column opposite the target', () => {
    const spots = associatedSpots(3, { x: 0.8, y: 0.5 });
    expect(spots.map((s) => s.x)).toEqual([0.16, 0.16, 0.16]);
    expect(new Set(spots.map((s) => s.y)).size).toBe(3);
    expect(associatedSpots(1, { x: 0.2, y: 0.5 })).toEqual([{ x: 0.84, y: 0.5 }]);
    expect(associatedSpots(0, null)).toEqual([]);
  });
});
