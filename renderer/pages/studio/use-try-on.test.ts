import { describe, expect, it } from 'vitest';
import { reduceTryOn, type TryOnState } from './use-try-on';

const START: TryOnState = { tracker: null, source: null, face: null, stats: null, error: null, quality: null };
const stats = (quality: 'high' | 'fast') => ({ type: 'stats', fps: 24, sourceFps: 30, inferenceMs: 14, quality }) as const;

describe('reduceTryOn: rendering quality', () => {
  it('shows the tier the engine applied, then the one each second’s stats report (Auto dropping to Fast)', () => {
    let state = reduceTryOn(START, { type: 'quality', setting: 'auto', tier: 'high' });
    expect(state.quality).toEqual({ setting: 'auto', tier: 'high' });
    state = reduceTryOn(state, stats('high'));
    expect(state.quality).toEqual({ setting: 'auto', tier: 'high' });
    state = reduceTryOn(state, stats('fast'));
    expect(state.quality).toEqual({ setting: 'auto', tier: 'fast' });
    expect(state.stats).toEqual({ fps: 24, inferenceMs: 14 });
  });

  it('keeps the quality across a new source (the engine keeps it), and a stats event before any setting changes nothing', () => {
    const fast = reduceTryOn(START, { type: 'quality', setting: 'fast', tier: 'fast' });
    expect(reduceTryOn(fast, { type: 'source', kind: 'photo', width: 512, height: 512 }).quality).toEqual({ setting: 'fast', tier: 'fast' });
    expect(reduceTryOn(START, stats('fast')).quality).toBeNull();
  });
});
