import { describe, expect, it } from 'vitest';
import { AnchorInput } from '../../protocol/videos';
import { anchorsAt, anchorsForPost, applyAnchorAction, MAX_ASSOCIATED, offerAssociated, subjectKey, type AnchorSet, type PlacedAnchor } from './anchor-set';

const lip = (id: string, name: string) => ({ id, name, bodyArea: 'lips' as const, attributes: [{ id: 'red', label: 'Red' }] });
const catalog = [lip('velvet-rouge', 'Velvet Rouge'), lip('gloss-pop', 'Gloss Pop'), { id: 'fedora', name: 'Fedora', bodyArea: 'head' as const, attributes: [{ id: 'black', label: 'Black' }] }];
const target: PlacedAnchor = { itemId: 'velvet-rouge', attributeId: 'red', label: 'Velvet Rouge · Red', role: 'target', point: { x: 0.7, y: 0.6 }, placement: 'near-item' };

function expectOk(outcome: ReturnType<typeof applyAnchorAction>): AnchorSet {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.set;
}

describe('associated anchor offers', () => {
  it('offers same-area catalog items first, then hot anchors, never the target and never twice', () => {
    const offers = offerAssociated(catalog, 'velvet-rouge', [
      { itemId: 'fedora', attributeId: 'black', label: 'Fedora' },
      { itemId: 'velvet-rouge', attributeId: 'red', label: 'self' },
      { itemId: 'gloss-pop', attributeId: 'red', label: 'dup' },
    ]);
    expect(offers.map((o) => [o.itemId, o.source])).toEqual([
      ['gloss-pop', 'same-area'],
      ['fedora', 'hot'],
    ]);
  });
});

describe('anchor set actions', () => {
  it('toggles an associated anchor on and off, and keeps chips apart', () => {
    let set: AnchorSet = { target, associated: [] };
    set = expectOk(applyAnchorAction(set, { type: 'toggle', offer: { itemId: 'gloss-pop', attributeId: 'red', label: 'Gloss Pop' } }));
    set = expectOk(applyAnchorAction(set, { type: 'toggle', offer: { itemId: 'fedora', attributeId: 'black', label: 'Fedora' } }));
    expect(set.associated).toHaveLength(2);
    expect(set.associated[0]!.point).not.toEqual(set.associated[1]!.point);
    expect(set.associated.every((a) => a.point.x < 0.5)).toBe(true); // opposite the target
    set = expectOk(applyAnchorAction(set, { type: 'toggle', offer: { itemId: 'gloss-pop', attributeId: 'red', label: 'Gloss Pop' } }));
    expect(set.associated.map((a) => a.itemId)).toEqual(['fedora']);
  });

  it('refuses the target item as an associated anchor and more than the maximum', () => {
    const set: AnchorSet = { target, associated: [] };
    const refused = applyAnchorAction(set, { type: 'toggle', offer: { itemId: 'velvet-rouge', attributeId: 'red', label: 'x' } });
    expect(refused).toEqual({ ok: false, reason: 'This item is already the target anchor.' });
    let full = set;
    for (let i = 0; i < MAX_ASSOCIATED; i++) full = expectOk(applyAnchorAction(full, { type: 'toggle', offer: { itemId: `item-${i}`, attributeId: null, label: `Item ${i}` } }));
    const tooMany = applyAnchorAction(full, { type: 'toggle', offer: { itemId: 'one-more', attributeId: null, label: 'More' } });
    expect(tooMany.ok).toBe(false);
  });

  it('moving an anchor makes it manual and clamps it to the frame', () => {
    const moved = expectOk(applyAnchorAction({ target, associated: [] }, { type: 'move', key: subjectKey(target), point: { x: 1.4, y: 0.2 } }));
    expect(moved.target).toMatchObject({ placement: 'manual', point: { x: 0.96, y: 0.2 } });
    expect(applyAnchorAction({ target, associated: [] }, { type: 'move', key: 'nope/', point: { x: 0.1, y: 0.1 } }).ok).toBe(false);
  });

  it('builds anchors the platform schema accepts: one target, the rest associated, over the whole video', () => {
    let set: AnchorSet = { target, associated: [] };
    set = expectOk(applyAnchorAction(set, { type: 'toggle', offer: { itemId: 'gloss-pop', attributeId: null, label: 'Gloss Pop' } }));
    const anchors = anchorsForPost(set, 3000);
    expect(anchors.map((a) => a.role)).toEqual(['target', 'associated']);
    for (const a of anchors) expect(AnchorInput.safeParse(a).success).toBe(true);
    expect(anchors[1]).not.toHaveProperty('attributeId');
    expect(anchors[0]).toMatchObject({ startMs: 0, endMs: 3000, x: 0.7, y: 0.6 });
  });

  it('shows only the anchors whose time window holds the playhead', () => {
    const a = [
      { id: 1, startMs: 0, endMs: 1000 },
      { id: 2, startMs: 800, endMs: 2000 },
    ];
    expect(anchorsAt(a, 900).map((x) => x.id)).toEqual([1, 2]);
    expect(anchorsAt(a, 1000).map((x) => x.id)).toEqual([2]);
    expect(anchorsAt(a, 2000)).toEqual([]);
  });
});

describe('anchor time ranges and associated-only posts', () => {
  it('posts each anchor over its own range, the whole video by default', () => {
    let set: AnchorSet = { target, associated: [] };
    set = expectOk(applyAnchorAction(set, { type: 'toggle', offer: { itemId: 'gloss-pop', attributeId: null, label: 'Gloss Pop' } }));
    set = expectOk(applyAnchorAction(set, { type: 'time', key: 'gloss-pop/', startMs: 1200, endMs: 2500, durationMs: 3000 }));
    const anchors = anchorsForPost(set, 3000);
    expect(anchors[0]).toMatchObject({ startMs: 0, endMs: 3000 });
    expect(anchors[1]).toMatchObject({ startMs: 1200, endMs: 2500 });
    for (const a of anchors) expect(AnchorInput.safeParse(a).success).toBe(true);
  });

  it('clamps a range to the video and refuses one shorter than half a second', () => {
    const set: AnchorSet = { target, associated: [] };
    const clamped = expectOk(applyAnchorAction(set, { type: 'time', key: subjectKey(target), startMs: -50, endMs: 9000, durationMs: 3000 }));
    expect(clamped.target).toMatchObject({ startMs: 0, endMs: 3000 });
    const short = applyAnchorAction(set, { type: 'time', key: subjectKey(target), startMs: 1000, endMs: 1200, durationMs: 3000 });
    expect(short.ok).toBe(false);
    expect(applyAnchorAction(set, { type: 'time', key: 'nope/', startMs: 0, endMs: 1000, durationMs: 3000 }).ok).toBe(false);
  });

  it('offers the take’s own item when there is no target, so a post can carry associated anchors only', () => {
    const offers = offerAssociated(catalog, null, [], 8, 'velvet-rouge');
    expect(offers.map((o) => o.itemId)).toEqual(['velvet-rouge', 'gloss-pop']);
    let set: AnchorSet = { target: null, associated: [] };
    set = expectOk(applyAnchorAction(set, { type: 'toggle', offer: offers[0]! }));
    const anchors = anchorsForPost(set, 2000);
    expect(anchors.map((a) => a.role)).toEqual(['associated']);
    expect(AnchorInput.safeParse(anchors[0]).success).toBe(true);
  });

  it('sends a photo post’s anchors as 0/0, the whole post', () => {
    const anchors = anchorsForPost({ target: { ...target, startMs: 500, endMs: 900 }, associated: [] }, 0);
    expect(anchors[0]).toMatchObject({ startMs: 0, endMs: 0 });
    expect(AnchorInput.safeParse(anchors[0]).success).toBe(true);
  });

  it('links more items to one anchor ("this look"), each once, never its own, at most four', () => {
    let set: AnchorSet = { target, associated: [] };
    set = expectOk(applyAnchorAction(set, { type: 'link', key: subjectKey(target), itemIds: ['aviator', 'aviator', 'velvet-rouge', 'fedora'] }));
    expect(set.target!.extraItemIds).toEqual(['aviator', 'fedora']);
    const [sent] = anchorsForPost(set, 2000);
    expect(sent).toMatchObject({ itemId: 'velvet-rouge', extraItemIds: ['aviator', 'fedora'] });
    expect(AnchorInput.safeParse(sent).success).toBe(true);
    expect(applyAnchorAction(set, { type: 'link', key: subjectKey(target), itemIds: ['a', 'b', 'c', 'd', 'e'] }).ok).toBe(false);
    const unlinked = expectOk(applyAnchorAction(set, { type: 'link', key: subjectKey(target), itemIds: [] }));
    expect(anchorsForPost(unlinked, 2000)[0]).not.toHaveProperty('extraItemIds');
  });
});
