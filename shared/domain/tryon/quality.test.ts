import { describe, expect, it } from 'vitest';
import { chooseQuality, median } from './quality';

describe('rendering quality', () => {
  it('keeps what the user chose', () => {
    expect(chooseQuality({ setting: 'high', softwareRenderer: true, highDrawMs: 50, inferenceMs: 10 })).toBe('high');
    expect(chooseQuality({ setting: 'fast', softwareRenderer: false, highDrawMs: null, inferenceMs: null })).toBe('fast');
  });

  it('Auto keeps High on a GPU whatever it costs', () => {
    expect(chooseQuality({ setting: 'auto', softwareRenderer: false, highDrawMs: 40, inferenceMs: 10 })).toBe('high');
  });

  it('Auto measures High first on a software rasteriser, then drops to Fast only past the budget', () => {
    expect(chooseQuality({ setting: 'auto', softwareRenderer: true, highDrawMs: null, inferenceMs: null })).toBe('high');
    // 10 ms inference: the frame may cost 13 ms, so drawing may take 3 ms.
    expect(chooseQuality({ setting: 'auto', softwareRenderer: true, highDrawMs: 2.9, inferenceMs: 10 })).toBe('high');
    expect(chooseQuality({ setting: 'auto', softwareRenderer: true, highDrawMs: 3.1, inferenceMs: 10 })).toBe('fast');
    expect(chooseQuality({ setting: 'auto', softwareRenderer: true, highDrawMs: 1, inferenceMs: 0 })).toBe('high');
  });

  it('takes medians of the samples taken so far', () => {
    expect(median(new Float64Array([5, 1, 9, 0]), 3)).toBe(5);
    expect(median([4, 2, 8, 6], 4)).toBe(5);
    expect(median([], 0)).toBeNaN();
  });
});
