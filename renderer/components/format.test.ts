import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDuration, formatPercent, formatSeconds } from './format';

describe('formatting for people', () => {
  it('writes clock durations the same in every language', () => {
    expect(formatDuration(83_000)).toBe('1:23');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('writes sizes in binary steps with the language’s digits', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5.0 MB');
    expect(formatBytes(300 * 1024 * 1024, 'zh-CN')).toBe('300 MB');
    expect(formatBytes(1234, 'de')).toBe('1,2 kB');
  });

  it('writes lengths of time in the largest whole unit, per language', () => {
    expect(formatSeconds(15, {}, 'en')).toBe('15 sec');
    expect(formatSeconds(120, {}, 'en')).toBe('2 min');
    expect(formatSeconds(60, { long: true }, 'en')).toBe('1 minute');
    expect(formatSeconds(30, { long: true }, 'en')).toBe('30 seconds');
    expect(formatSeconds(15, {}, 'zh-CN')).toBe('15秒');
    expect(formatSeconds(120, {}, 'zh-CN')).toBe('2分钟');
    expect(formatSeconds(2.46, { fractionDigits: 1 }, 'en')).toBe('2.5 sec');
  });

  it('writes percentages and dates through Intl', () => {
    expect(formatPercent(0.424, 'en')).toBe('42%');
    expect(formatPercent(1.7, 'en')).toBe('100%');
    const noon = Date.UTC(2026, 0, 15, 12, 0);
    expect(formatDate(noon, 'zh-CN')).toContain('2026年1月15日');
    expect(formatDate(noon, 'en')).toContain('Jan 15, 2026');
  });
});
