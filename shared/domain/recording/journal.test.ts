import { describe, expect, it } from 'vitest';
import { RecordingEvent, attributeAt, parseJournal } from './journal';

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
