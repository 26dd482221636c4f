import { describe, expect, it } from 'vitest';
import { RecordingEvent, attributeAt, lookAt, lookDuring, parseJournal } from './journal';

const lines = [
  { type: 'start', t: 0, at: 100, version: 1, mimeType: 'video/webm;codecs=vp9,opus', itemId: 'lip-1', attributeId: 'pink' },
  { type: 'face', t: 250, at: 350, x: 0.4, y: 0.3, w: 0.2, h: 0.25 },
  { type: 'attribute', t: 1500, at: 1600, itemId: 'lip-1', attributeId: 'rose' },
  { type: 'item', t: 3000, at: 3100, itemId: 'blush-2' },
].map((l) => JSON.stringify(l));

describe('journal', () => {
  it('reads a journal torn by a crash, skipping only the broken last line', () => {
    const torn = lines.join('\n') + '\n{"type":"face","t":31';
    const parsed = parseJournal(torn);
    expect(parsed.entries.map((e) => e.type)).toEqual(['start', 'face', 'attribute', 'item']);
    expect(parsed.badLines).toBe(1);
    expect(parsed.finished).toBe(false);
    expect(parseJournal(lines.join('\n') + '\n' + JSON.stringify({ type: 'stop', t: 4000, at: 4100, bytes: 10 })).finished).toBe(true);
  });

  it('tells which shade was on screen at a moment of the video', () => {
    const { entries } = parseJournal(lines.join('\n'));
    expect(attributeAt(entries, 1000)).toEqual({ itemId: 'lip-1', attributeId: 'pink' });
    expect(attributeAt(entries, 1500)).toEqual({ itemId: 'lip-1', attributeId: 'rose' });
    expect(attributeAt(entries, 3500)).toEqual({ itemId: 'blush-2', attributeId: null });
  });

  it('accepts renderer events without a clock stamp, and refuses lines only the main side writes', () => {
    expect(RecordingEvent.safeParse({ type: 'attribute', t: 10, itemId: 'lip-1', attributeId: 'rose' }).success).toBe(true);
    expect(RecordingEvent.safeParse({ type: 'stop', t: 10, bytes: 5 }).success).toBe(false);
    expect(RecordingEvent.safeParse({ type: 'face', t: 10, x: 1.5, y: 0, w: 0.1, h: 0.1 }).success).toBe(false);
  });
});

describe('journal of a whole look (issue 16 §2)', () => {
  const look = [
    { itemId: 'sunset-lids', attributeId: 'plum', intensity: 1 },
    { itemId: 'velvet-lips', attributeId: 'red', intensity: 0.3 },
    { itemId: 'round-frames', attributeId: 'gold', intensity: 1 },
  ];
  const layered = [
    { type: 'start', t: 0, at: 100, version: 1, mimeType: 'video/webm', itemId: 'velvet-lips', attributeId: 'red', look },
    { type: 'look', t: 1200, at: 1300, look: [look[0], { ...look[1], attributeId: 'berry' }, look[2]] },
    { type: 'attribute', t: 1200, at: 1300, itemId: 'velvet-lips', attributeId: 'berry' },
    { type: 'look', t: 2500, at: 2600, look: [{ ...look[0], intensity: 0.5 }, { ...look[1], attributeId: 'berry' }, look[2]] },
    { type: 'stop', t: 4000, at: 4100, bytes: 10 },
  ];
  const entries = parseJournal(layered.map((l) => JSON.stringify(l)).join('\n')).entries;

  it('reads the start look and look lines, and tells the whole look at a moment', () => {
    expect(entries.map((e) => e.type)).toEqual(['start', 'look', 'attribute', 'look', 'stop']);
    expect(lookAt(entries, 0)).toEqual(look);
    expect(lookAt(entries, 1199)).toEqual(look);
    expect(lookAt(entries, 1200).map((l) => `${l.itemId}/${l.attributeId}@${l.intensity}`)).toEqual(['sunset-lids/plum@1', 'velvet-lips/berry@0.3', 'round-frames/gold@1']);
    expect(lookAt(entries, 3000)[0]).toEqual({ itemId: 'sunset-lids', attributeId: 'plum', intensity: 0.5 });
    // The current item still reads as before for what knows only it.
    expect(attributeAt(entries, 3000)).toEqual({ itemId: 'velvet-lips', attributeId: 'berry' });
  });

  it('reads an old journal without looks as its single item at full strength, or nothing', () => {
    const old = parseJournal(lines.join('\n')).entries;
    expect(lookAt(old, 1000)).toEqual([{ itemId: 'lip-1', attributeId: 'pink', intensity: 1 }]);
    expect(lookAt(old, 1500)).toEqual([{ itemId: 'lip-1', attributeId: 'rose', intensity: 1 }]);
    // An item line names no shade: no layer can be said.
    expect(lookAt(old, 3500)).toEqual([]);
    expect(lookAt([], 0)).toEqual([]);
    const bare = parseJournal(JSON.stringify({ type: 'start', t: 0, at: 1, version: 1, mimeType: 'video/webm', itemId: null, attributeId: null })).entries;
    expect(lookAt(bare, 10)).toEqual([]);
  });

  it('a settled intensity written after later face lines still counts from its own time', () => {
    const soft = { type: 'look', t: 4379, at: 5000, look: [{ ...look[0], intensity: 0.5 }, look[1], look[2]] };
    const late = parseJournal([layered[0], { type: 'face', t: 4650, at: 4700, x: 0.4, y: 0.3, w: 0.2, h: 0.25 }, soft].map((l) => JSON.stringify(l)).join('\n')).entries;
    expect(late.map((e) => e.type)).toEqual(['start', 'face', 'look']);
    expect(lookAt(late, 4500)[0]?.intensity).toBe(0.5);
    expect(lookAt(late, 4300)[0]?.intensity).toBe(1);
  });

  it('an attribute line in a layered journal changes that layer only', () => {
    const [start] = entries;
    const changed = lookAt([start!, { type: 'attribute', t: 500, at: 600, itemId: 'round-frames', attributeId: 'black' }], 600);
    expect(changed.map((l) => l.attributeId)).toEqual(['plum', 'red', 'black']);
  });

  it('gives every item worn during the take, each as last worn; an item switch in an old journal adds one', () => {
    expect(lookDuring(entries).map((l) => `${l.itemId}/${l.attributeId}@${l.intensity}`)).toEqual(['sunset-lids/plum@0.5', 'velvet-lips/berry@0.3', 'round-frames/gold@1']);
    const old = parseJournal([...lines, JSON.stringify({ type: 'attribute', t: 3200, at: 3300, itemId: 'blush-2', attributeId: 'peach' })].join('\n')).entries;
    expect(lookDuring(old).map((l) => `${l.itemId}/${l.attributeId}`)).toEqual(['lip-1/rose', 'blush-2/peach']);
    // A layer never above 0 % was never seen.
    const unseen = parseJournal(JSON.stringify({ ...layered[0], look: [look[0], { ...look[1], intensity: 0 }] })).entries;
    expect(lookDuring(unseen).map((l) => l.itemId)).toEqual(['sunset-lids']);
  });

  it('refuses a look event that is not a look, with a sentence', () => {
    expect(RecordingEvent.safeParse({ type: 'look', t: 10, look }).success).toBe(true);
    const twice = RecordingEvent.safeParse({ type: 'look', t: 10, look: [look[0], look[0]] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.message).toBe('sunset-lids is in the look twice');
    const strong = RecordingEvent.safeParse({ type: 'look', t: 10, look: [{ ...look[0], intensity: 1.5 }] });
    expect(strong.error?.issues[0]?.message).toBe('an intensity is 0 to 1');
    expect(RecordingEvent.safeParse({ type: 'look', t: 10, look: [{ itemId: 'Bad Id', attributeId: 'x1', intensity: 1 }] }).success).toBe(false);
  });
});
