import { describe, expect, it } from 'vitest';
import shipped from '../../../resources/catalog/catalog.json';
import { Catalog } from '../../catalog/schema';
import { LookHistory, EMPTY_LOOK, lookKey, singleItemLook, withIntensity, withLayer, withoutArea } from './look';

const catalog = Catalog.parse(shipped);
const item = (id: string) => catalog.items.find((i) => i.id === id)!;

describe('layered looks', () => {
  it('one item alone: in the attribute asked for, else its first; none without an item', () => {
    expect(lookKey(singleItemLook(item('velvet-rouge-lipstick'), 'brick'))).toBe('velvet-rouge-lipstick/brick');
    expect(lookKey(singleItemLook(item('velvet-rouge-lipstick'), 'no-such-shade'))).toBe(`velvet-rouge-lipstick/${item('velvet-rouge-lipstick').attributes[0]!.id}`);
    expect(singleItemLook(null, 'brick')).toEqual(EMPTY_LOOK);
  });

  it('wears one item per body area, in drawing order, and replaces an item on the same area', () => {
    let look = withLayer(EMPTY_LOOK, item('round-frames'), 'gold');
    look = withLayer(look, item('velvet-rouge-lipstick'), 'brick', 0.6);
    look = withLayer(look, item('classic-fedora'), 'camel');
    look = withLayer(look, item('cheek-glow-blush'), 'rose');
    expect(lookKey(look)).toBe('cheek-glow-blush/rose+velvet-rouge-lipstick/brick@0.60+round-frames/gold+classic-fedora/camel');
    look = withLayer(look, item('glass-gloss-lip'), 'cherry-gloss');
    expect(look.filter((l) => l.item.bodyArea === 'lips').map((l) => l.item.id)).toEqual(['glass-gloss-lip']);
    expect(look).toHaveLength(4);
  });

  it('removes one layer and leaves the others; sets intensity within 0–1', () => {
    let look = withLayer(withLayer(EMPTY_LOOK, item('velvet-rouge-lipstick'), 'brick'), item('sunset-lids-eyeshadow'), 'bronze');
    look = withIntensity(look, 'eyes', 1.7);
    expect(look.find((l) => l.item.bodyArea === 'eyes')!.intensity).toBe(1);
    look = withIntensity(look, 'lips', -2);
    expect(look.find((l) => l.item.bodyArea === 'lips')!.intensity).toBe(0);
    expect(withIntensity(look, 'lips', Number.NaN).find((l) => l.item.bodyArea === 'lips')!.intensity).toBe(1);
    const removed = withoutArea(look, 'lips');
    expect(lookKey(removed)).toBe('sunset-lids-eyeshadow/bronze');
    expect(withoutArea(removed, 'head')).toBe(removed);
  });

  it('refuses an attribute the item does not have', () => {
    expect(() => withLayer(EMPTY_LOOK, item('round-frames'), 'brick')).toThrow(/no attribute/);
  });

  it('undoes and redoes whole looks; a new edit drops the redo branch', () => {
    const history = new LookHistory();
    const a = history.apply(withLayer(history.current, item('velvet-rouge-lipstick'), 'classic-red'));
    const b = history.apply(withLayer(history.current, item('round-frames'), 'black'));
    expect(history.apply(b)).toBe(b);
    expect(history.undo()).toBe(a);
    expect(history.undo()).toBe(EMPTY_LOOK);
    expect(history.canUndo).toBe(false);
    expect(history.undo()).toBe(EMPTY_LOOK);
    expect(history.redo()).toBe(a);
    history.apply(withLayer(a, item('knit-beanie'), 'red'));
    expect(history.canRedo).toBe(false);
    expect(lookKey(history.current)).toBe('velvet-rouge-lipstick/classic-red+knit-beanie/red');
  });

  it('keeps at most `limit` steps of history', () => {
    const history = new LookHistory(EMPTY_LOOK, 2);
    for (const shade of ['classic-red', 'brick', 'berry', 'nude-rose']) history.apply(withLayer(EMPTY_LOOK, item('velvet-rouge-lipstick'), shade));
    history.undo();
    history.undo();
    expect(history.canUndo).toBe(false);
    expect(lookKey(history.current)).toBe('velvet-rouge-lipstick/brick');
  });
});
