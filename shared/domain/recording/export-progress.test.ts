import { describe, expect, it } from 'vitest';
import { EncoderSettings } from './encoder-settings';
import { estimateEtaMs, formatClock } from './export-progress';

describe('export progress', () => {
  it('estimates time left from the pace so far, and not from the first percent', () => {
    expect(estimateEtaMs(2000, 0.5)).toBeNull();
    expect(estimateEtaMs(2000, 25)).toBe(6000);
    expect(estimateEtaMs(9000, 100)).toBe(0);
  });

  it('formats elapsed time as the shooting page shows it', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(5999)).toBe('00:05');
    expect(formatClock(65_000)).toBe('01:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-20)).toBe('00:00');
  });

  it('accepts only presets that keep the High profile and sane quality', () => {
    expect(EncoderSettings.safeParse({ preset: 'veryfast', crf: 23 }).success).toBe(true);
    expect(EncoderSettings.safeParse({ preset: 'ultrafast', crf: 23 }).success).toBe(false);
    expect(EncoderSettings.safeParse({ preset: 'fast', crf: 40 }).success).toBe(false);
  });
});
