import { describe, expect, it } from 'vitest';
import { applyAnchorAction, type AnchorSet, type PlacedAnchor } from './anchor-set';
import { chipBox, overlapArea, overlaps, spotsClearOfFace, type FrameBox } from './clear-of-face';
import { autoPlace } from './placement';

// The face box of the take where an associated chip once landed across the nose and cheek:
// a portrait take, the face in the middle third.
const face: FrameBox = { x: 0.3, y: 0.22, w: 0.4, h: 0.34 };
const lipsTarget = autoPlace('lips', [{ t: 0, ...face }], 0, 1000);

describe('associated anchors clear of the face', () => {
  it('never puts any part of a chip over the face box, whatever the count', () => {
    for (let count = 1; count <= 5; count++) {
      const spots = spotsClearOfFace(count, lipsTarget.point, face);
      expect(spots).toHaveLength(count);
      for (const p of spots) expect(overlaps(chipBox(p), face)).toBe(false);
    }
  });

  it('keeps the chips off the target chip and off each other', () => {
    const spots = spotsClearOfFace(5, lipsTarget.point, face);
    const boxes = [chipBox(lipsTarget.point), ...spots.map(chipBox)];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlapArea(boxes[i]!, boxes[j]!)).toBe(0);
  });

  it('groups them beside the target, not across the frame', () => {
    const [first] = spotsClearOfFace(1, lipsTarget.point, face);
    expect(Math.hypot(first!.x - lipsTarget.point.x, first!.y - lipsTarget.point.y)).toBeLessThan(0.15);
  });

  it('counts the label, not only the point: a chip left of the face whose label would run right across it is refused', () => {
    // The old column spot on the left (x 0.16) runs its label rightwards (too little room on the left).
    const old = { x: 0.16, y: face.y + face.h / 2 };
    expect(overlaps(chipBox(old), face)).toBe(true);
    const spots = spotsClearOfFace(3, { x: 0.78, y: 0.5 }, face);
    for (const p of spots) expect(overlaps(chipBox(p), face)).toBe(false);
  });

  it('forms beside the face when the post has no target', () => {
    const spots = spotsClearOfFace(2, null, face);
    for (const p of spots) expect(overlaps(chipBox(p), face)).toBe(false);
    expect(spots[0]!.y).toBeGreaterThan(face.y);
    expect(spots[0]!.y).toBeLessThan(face.y + face.h);
  });

  it('with a face filling the frame, still gives every chip a spot, overlapping the face as little as it can', () => {
    const huge: FrameBox = { x: 0.05, y: 0.05, w: 0.9, h: 0.9 };
    const spots = spotsClearOfFace(3, null, huge);
    expect(spots).toHaveLength(3);
    const centre = chipBox({ x: 0.5, y: 0.5 });
    for (const p of spots) expect(overlapArea(chipBox(p), huge)).toBeLessThan(overlapArea(centre, huge));
  });

  it('is what the anchor set uses when it knows the face: toggled-on chips stay clear, dragged ones stay put', () => {
    const target: PlacedAnchor = { itemId: 'velvet', attributeId: 'red', label: 'Velvet · Red', role: 'target', point: lipsTarget.point, placement: 'near-item' };
    let set: AnchorSet = { target, associated: [], face };
    for (const id of ['a', 'b', 'c']) {
      const outcome = applyAnchorAction(set, { type: 'toggle', offer: { itemId: id, attributeId: null, label: `Item ${id}` } });
      if (!outcome.ok) throw new Error(outcome.reason);
      set = outcome.set;
    }
    for (const a of set.associated) expect(overlaps(chipBox(a.point), face)).toBe(false);
    const moved = applyAnchorAction(set, { type: 'move', key: 'a/', point: { x: 0.5, y: 0.4 } });
    if (!moved.ok) throw new Error(moved.reason);
    const more = applyAnchorAction(moved.set, { type: 'toggle', offer: { itemId: 'd', attributeId: null, label: 'Item d' } });
    if (!more.ok) throw new Error(more.reason);
    expect(more.set.associated.find((a) => a.itemId === 'a')!.point).toEqual({ x: 0.5, y: 0.4 });
  });
});
