import { describe, expect, it } from 'vitest';
import shipped from '../../../resources/catalog/catalog.json';
import { Catalog } from '@shared/catalog/schema';
import { lookKey, withLayer, EMPTY_LOOK } from '@shared/domain/tryon/look';
import { historyKey, openLook, openingPlan, requestedLook, requestKey, StudioLookState } from './studio-look';

const catalog = Catalog.parse(shipped);
const item = (id: string) => catalog.items.find((i) => i.id === id)!;
const key = (state: StudioLookState): string => lookKey(state.view.look);
const current = (state: StudioLookState): string | null => (state.view.current ? `${state.view.current.item.id}/${state.view.current.attributeId}` : null);

describe('studio look state (issue 16 §2)', () => {
  it('choosing puts an item on in its body area, replacing only that area, and makes it current', () => {
    const s = new StudioLookState();
    s.choose(item('velvet-rouge-lipstick'), 'brick');
    s.choose(item('sunset-lids-eyeshadow'));
    s.choose(item('round-frames'), 'gold');
    expect(key(s)).toBe('sunset-lids-eyeshadow/bronze+velvet-rouge-lipstick/brick+round-frames/gold');
    expect(current(s)).toBe('round-frames/gold');
    s.choose(item('satin-stick'), 'mauve');
    expect(key(s)).toBe('sunset-lids-eyeshadow/bronze+satin-stick/mauve+round-frames/gold');
    expect(current(s)).toBe('satin-stick/mauve');
    // Choosing a worn item again keeps its shade and intensity and only makes it current.
    s.intensity('eyes', 0.4);
    s.choose(item('round-frames'));
    s.choose(item('sunset-lids-eyeshadow'));
    expect(key(s)).toBe('sunset-lids-eyeshadow/bronze@0.40+satin-stick/mauve+round-frames/gold');
    expect(current(s)).toBe('sunset-lids-eyeshadow/bronze');
  });

  it('a shade changes the current layer only, at its intensity', () => {
    const s = new StudioLookState();
    s.choose(item('velvet-rouge-lipstick'), 'brick');
    s.intensity('lips', 0.3);
    s.choose(item('cheek-glow-blush'));
    s.select('velvet-rouge-lipstick');
    s.shade('berry');
    expect(key(s)).toBe('cheek-glow-blush/peach+velvet-rouge-lipstick/berry@0.30');
    s.shade('no-such-shade');
    expect(key(s)).toBe('cheek-glow-blush/peach+velvet-rouge-lipstick/berry@0.30');
  });

  it('a run of intensity changes on one layer is one undo step; another layer starts a new one', () => {
    const s = new StudioLookState();
    s.choose(item('velvet-rouge-lipstick'), 'classic-red');
    for (const v of [0.9, 0.7, 0.5, 0.3]) s.intensity('lips', v);
    s.intensity('lips', 0.3);
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red@0.30');
    s.choose(item('sunset-lids-eyeshadow'));
    s.intensity('eyes', 0.5);
    s.intensity('eyes', 0.6);
    s.undo();
    expect(key(s)).toBe('sunset-lids-eyeshadow/bronze+velvet-rouge-lipstick/classic-red@0.30');
    s.undo();
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red@0.30');
    s.undo();
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red');
    s.intensity('cheeks', 0.5);
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red');
  });

  it('removing a layer leaves the others; the current becomes the last one left; undo brings it back as current', () => {
    const s = new StudioLookState();
    s.choose(item('velvet-rouge-lipstick'), 'classic-red');
    s.choose(item('round-frames'), 'gold');
    s.choose(item('sunset-lids-eyeshadow'), 'smoky-plum');
    s.remove('eyes');
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red+round-frames/gold');
    expect(current(s)).toBe('round-frames/gold');
    s.select('velvet-rouge-lipstick');
    s.undo();
    expect(key(s)).toBe('sunset-lids-eyeshadow/smoky-plum+velvet-rouge-lipstick/classic-red+round-frames/gold');
    expect(current(s)).toBe('sunset-lids-eyeshadow/smoky-plum');
    expect(s.view.canRedo).toBe(true);
    s.redo();
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red+round-frames/gold');
    expect(current(s)).toBe('round-frames/gold');
    s.remove('eyes');
    expect(s.view.canRedo).toBe(false);
  });

  it('undo and redo walk back and forth in order; a new edit drops the redo list', () => {
    const s = new StudioLookState();
    expect(s.view).toMatchObject({ canUndo: false, canRedo: false, current: null });
    s.choose(item('velvet-rouge-lipstick'), 'classic-red');
    s.shade('brick');
    s.choose(item('classic-fedora'), 'camel');
    const steps = [key(s)];
    s.undo();
    steps.push(key(s));
    s.undo();
    steps.push(key(s));
    s.undo();
    steps.push(key(s));
    s.undo();
    expect(steps).toEqual(['velvet-rouge-lipstick/brick+classic-fedora/camel', 'velvet-rouge-lipstick/brick', 'velvet-rouge-lipstick/classic-red', 'none']);
    expect(s.view).toMatchObject({ canUndo: false, canRedo: true, current: null });
    s.redo();
    s.redo();
    expect(key(s)).toBe('velvet-rouge-lipstick/brick');
    expect(current(s)).toBe('velvet-rouge-lipstick/brick');
    s.choose(item('knit-beanie'));
    expect(s.view.canRedo).toBe(false);
  });

  it('"No look" clears everything in one step; a preset applies a whole look in one step', () => {
    const s = new StudioLookState();
    s.choose(item('velvet-rouge-lipstick'));
    s.choose(item('round-frames'));
    s.clear();
    expect(s.view).toMatchObject({ current: null, look: [] });
    s.undo();
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red+round-frames/tortoise');
    s.apply(withLayer(withLayer(EMPTY_LOOK, item('cheek-glow-blush'), 'rose'), item('knit-beanie'), 'red'));
    expect(current(s)).toBe('knit-beanie/red');
    s.undo();
    expect(key(s)).toBe('velvet-rouge-lipstick/classic-red+round-frames/tortoise');
  });

  it('notifies subscribers once per change with a new view, and not for no-ops', () => {
    const s = new StudioLookState();
    let calls = 0;
    const stop = s.subscribe(() => calls++);
    s.choose(item('velvet-rouge-lipstick'));
    const first = s.getView();
    s.shade('classic-red');
    s.remove('eyes');
    s.select('no-such-item');
    expect(calls).toBe(1);
    expect(s.getView()).toBe(first);
    stop();
    s.clear();
    expect(calls).toBe(1);
  });

  it('reset starts over on a look with nothing to undo', () => {
    const s = new StudioLookState();
    s.choose(item('velvet-rouge-lipstick'));
    s.reset(withLayer(EMPTY_LOOK, item('round-frames'), 'gold'), 'round-frames');
    expect(s.view).toMatchObject({ canUndo: false, canRedo: false });
    expect(current(s)).toBe('round-frames/gold');
  });
});

describe('requested looks (deep link, back from Shoot)', () => {
  it('an anchor item in its shade with its linked items, the item current', () => {
    const { look, currentId } = requestedLook(catalog.items, { itemId: 'velvet-rouge-lipstick', attributeId: 'berry', withItemIds: ['round-frames', 'glass-gloss-lip', 'gone'] });
    expect(lookKey(look)).toBe('velvet-rouge-lipstick/berry+round-frames/tortoise');
    expect(currentId).toBe('velvet-rouge-lipstick');
    expect(lookKey(requestedLook(catalog.items, { itemId: 'satin-stick', attributeId: 'nope' }).look)).toBe('satin-stick/mauve');
    expect(requestedLook(catalog.items, { itemId: null, attributeId: null })).toEqual({ look: [], currentId: null });
  });
});

describe('opening the Studio', () => {
  const handed = { itemId: 'velvet-rouge-lipstick', attributeId: 'berry' };
  it('an anchor link wins; else the kept look, with what Shoot changed; else the item handed over', () => {
    const asked = { itemId: 'satin-stick', attributeId: null, withItemIds: ['round-frames'] };
    expect(openingPlan(asked, { handoff: 'x/y' }, handed)).toEqual({ reuse: false, request: asked });
    expect(openingPlan(null, { handoff: requestKey(handed) }, handed)).toEqual({ reuse: true, request: null });
    expect(openingPlan(null, { handoff: 'velvet-rouge-lipstick/brick' }, handed)).toEqual({ reuse: true, request: handed });
    expect(openingPlan(null, null, handed)).toEqual({ reuse: false, request: handed });
  });

  it('back from Shoot the kept look takes the shade chosen there as one undo step; a new look starts over', () => {
    const s = new StudioLookState();
    s.choose(item('velvet-rouge-lipstick'), 'brick');
    s.intensity('lips', 0.5);
    s.choose(item('round-frames'), 'gold');
    s.select('velvet-rouge-lipstick');
    openLook(s, catalog.items, { reuse: true, request: handed });
    expect(key(s)).toBe('velvet-rouge-lipstick/berry@0.50+round-frames/gold');
    s.undo();
    expect(key(s)).toBe('velvet-rouge-lipstick/brick@0.50+round-frames/gold');
    openLook(s, catalog.items, { reuse: true, request: null });
    expect(key(s)).toBe('velvet-rouge-lipstick/brick@0.50+round-frames/gold');
    openLook(s, catalog.items, { reuse: false, request: { itemId: 'knit-beanie', attributeId: 'mustard' } });
    expect(key(s)).toBe('knit-beanie/mustard');
    expect(s.view.canUndo).toBe(false);
  });
});

describe('undo keys', () => {
  const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
    historyKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('Ctrl/⌘+Z undoes, with Shift (or Ctrl+Y) redoes; other keys are not ours', () => {
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(press('z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(press('y', { ctrlKey: true })).toBe('redo');
    expect(press('z')).toBeNull();
    expect(press('z', { ctrlKey: true, altKey: true })).toBeNull();
    expect(press('x', { ctrlKey: true })).toBeNull();
  });
});
