import { describe, expect, it } from 'vitest';
import type { Anchor } from '@shared/protocol/videos';
import { anchorsAt, chipPosition, rangeText, sortAnchors } from './anchors-at';

const anchor = (id: string, role: 'target' | 'associated', startMs: number, endMs: number): Anchor =>
  ({
    id,
    videoId: 'vid_1',
    kind: 'tryon',
    role,
    itemId: 'item',
    attributeId: null,
    label: id,
    x: 0.5,
    y: 0.5,
    startMs,
    endMs,
    placement: 'manual',
    extraItemIds: [] as Anchor['extraItemIds'],
    triggerCount: 0,
  }) as Anchor;

describe('anchors on the video', () => {
  const anchors = [anchor('late', 'associated', 2000, 4000), anchor('early', 'associated', 0, 1000), anchor('main', 'target', 500, 3000)];

  it('shows an anchor from its start (inclusive) to its end (exclusive), the target first', () => {
    expect(anchorsAt(anchors, 0).map((a) => a.id)).toEqual(['early']);
    expect(anchorsAt(anchors, 500).map((a) => a.id)).toEqual(['main', 'early']);
    expect(anchorsAt(anchors, 1000).map((a) => a.id)).toEqual(['main']);
    expect(anchorsAt(anchors, 2500).map((a) => a.id)).toEqual(['main', 'late']);
    expect(anchorsAt(anchors, 4000)).toEqual([]);
  });

  it('lists every anchor target first, then by start time', () => {
    expect(sortAnchors(anchors).map((a) => a.id)).toEqual(['main', 'early', 'late']);
  });

  it('keeps a chip at the frame edge inside the frame', () => {
    expect(chipPosition({ x: 0, y: 1 })).toEqual({ left: '5.00%', top: '95.00%' });
    expect(chipPosition({ x: 0.25, y: 0.5 })).toEqual({ left: '25.00%', top: '50.00%' });
  });

  it('shows an anchor stored 0/0 (an image post, or the whole post) at every time', () => {
    const always = [...anchors, anchor('photo', 'associated', 0, 0)];
    expect(anchorsAt(always, 0).map((a) => a.id)).toEqual(['early', 'photo']);
    expect(anchorsAt(always, 999_999).map((a) => a.id)).toEqual(['photo']);
  });

  it('writes a range as m:ss–m:ss, and none for the whole post', () => {
    expect(rangeText({ startMs: 1500, endMs: 65_000 })).toBe('0:01–1:05');
    expect(rangeText({ startMs: 0, endMs: 0 })).toBeNull();
  });
});
