import { describe, expect, test, vi } from 'vitest';
import { availability, isTimeZone, localDateTime, localDayKey, monthKey, zonedTimeToInstant, checkSchedule } from './windows';

const BREAKFAST = [{ start: '07:00', end: '09:00' }];
const utc = (iso: string): number => Date.parse(iso);

describe('opening windows in a time zone', () => {
  test('Asia/Shanghai (UTC+8, no DST): open at 08:30 until 09:00, closed at 09:00 until 07:00 next day', () => {
    expect(availability(BREAKFAST, 'Asia/Shanghai', utc('2026-12-03T00:30:00Z'))).toEqual({ open: true, closesAt: utc('2026-12-03T01:00:00Z') });
    expect(availability(BREAKFAST, 'Asia/Shanghai', utc('2026-12-03T01:00:00Z'))).toEqual({ open: false, nextOpensAt: utc('2026-12-03T23:00:00Z') });
    expect(availability(BREAKFAST, 'Asia/Shanghai', utc('2026-12-02T22:59:59.999Z'))).toEqual({ open: false, nextOpensAt: utc('2026-12-02T23:00:00Z') });
    expect(availability(BREAKFAST, 'Asia/Shanghai', utc('2026-12-02T23:00:00Z'))).toEqual({ open: true, closesAt: utc('2026-12-03T01:00:00Z') });
  });

  test('the same wall clock is a different instant in another zone', () => {
    expect(availability(BREAKFAST, 'Europe/London', utc('2026-12-03T08:30:00Z'))).toEqual({ open: true, closesAt: utc('2026-12-03T09:00:00Z') });
    expect(availability(BREAKFAST, 'America/Los_Angeles', utc('2026-12-03T08:30:00Z'))).toEqual({ open: false, nextOpensAt: utc('2026-12-03T15:00:00Z') });
  });

  test('a DST spring-forward day: breakfast keeps its wall times (New York, 2026-03-08)', () => {
    // The day before, 07:00 EST = 12:00Z; on the day, 07:00 EDT = 11:00Z.
    expect(availability(BREAKFAST, 'America/New_York', utc('2026-03-07T12:30:00Z'))).toEqual({ open: true, closesAt: utc('2026-03-07T14:00:00Z') });
    expect(availability(BREAKFAST, 'America/New_York', utc('2026-03-08T10:59:00Z'))).toEqual({ open: false, nextOpensAt: utc('2026-03-08T11:00:00Z') });
    expect(availability(BREAKFAST, 'America/New_York', utc('2026-03-08T12:59:00Z'))).toEqual({ open: true, closesAt: utc('2026-03-08T13:00:00Z') });
  });

  test('a window across the gap is one real hour shorter; a start inside the gap opens after it (Berlin, 2026-03-29 02:00 → 03:00)', () => {
    const night = [{ start: '01:30', end: '03:30' }];
    expect(availability(night, 'Europe/Berlin', utc('2026-03-29T00:45:00Z'))).toEqual({ open: true, closesAt: utc('2026-03-29T01:30:00Z') });
    expect(zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 15 }, 'Europe/Berlin')).toBe(utc('2026-03-29T01:15:00Z'));
    const inGap = [{ start: '02:15', end: '04:00' }];
    expect(availability(inGap, 'Europe/Berlin', utc('2026-03-29T00:30:00Z'))).toEqual({ open: false, nextOpensAt: utc('2026-03-29T01:15:00Z') });
  });

  test('a window inside the repeated hour starts at its first occurrence (New York, 2026-11-01 fall back)', () => {
    expect(zonedTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
    const late = [{ start: '01:30', end: '03:00' }];
    // 01:30 EDT → 03:00 EST is two and a half real hours.
    expect(availability(late, 'America/New_York', utc('2026-11-01T05:00:00Z'))).toEqual({ open: false, nextOpensAt: utc('2026-11-01T05:30:00Z') });
    expect(availability(late, 'America/New_York', utc('2026-11-01T07:45:00Z'))).toEqual({ open: true, closesAt: utc('2026-11-01T08:00:00Z') });
  });

  test('an overnight window runs past midnight; overlapping windows close at the later end', () => {
    const late = [{ start: '22:00', end: '02:00' }];
    expect(availability(late, 'UTC', utc('2026-12-03T01:00:00Z'))).toEqual({ open: true, closesAt: utc('2026-12-03T02:00:00Z') });
    expect(availability(late, 'UTC', utc('2026-12-03T02:00:00Z'))).toEqual({ open: false, nextOpensAt: utc('2026-12-03T22:00:00Z') });
    const overlapping = [
      { start: '11:00', end: '12:30' },
      { start: '12:00', end: '13:00' },
    ];
    expect(availability(overlapping, 'UTC', utc('2026-12-03T11:15:00Z'))).toEqual({ open: true, closesAt: utc('2026-12-03T13:00:00Z') });
  });

  test('always open without a schedule; schedules and zones are checked', () => {
    expect(availability(null, 'Asia/Shanghai', 0)).toEqual({ open: true });
    expect(checkSchedule(BREAKFAST)).toEqual({ ok: true });
    expect(checkSchedule([{ start: '7:00', end: '09:00' }]).ok).toBe(false);
    expect(checkSchedule([{ start: '09:00', end: '09:00' }]).ok).toBe(false);
    expect(checkSchedule([]).ok).toBe(false);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  test('local day and month keys follow the zone', () => {
    expect(localDayKey(utc('2026-12-31T20:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(localDayKey(utc('2026-12-31T20:00:00Z'), 'UTC')).toBe('2026-12-31');
    expect(monthKey(utc('2026-12-31T20:00:00Z'), 'Asia/Shanghai')).toBe('2027-01');
    expect(monthKey(utc('2026-12-31T20:00:00Z'))).toBe('2026-12');
  });

  test("the wall clock is read from Intl once per UTC second and zone, and stays exact at a DST change and a day's edge", () => {
    const read = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      // Berlin springs forward at 01:00 UTC on 29 March 2026: 00:59:59.999 UTC is 01:59:59 CET, 01:00:00.000 UTC is 03:00:00 CEST.
      const change = utc('2026-03-29T01:00:00Z');
      expect(localDateTime(change - 1, 'Europe/Berlin')).toEqual({ year: 2026, month: 3, day: 29, hour: 1, minute: 59, second: 59 });
      expect(localDateTime(change - 999, 'Europe/Berlin')).toEqual({ year: 2026, month: 3, day: 29, hour: 1, minute: 59, second: 59 });
      expect(localDateTime(change, 'Europe/Berlin')).toEqual({ year: 2026, month: 3, day: 29, hour: 3, minute: 0, second: 0 });
      expect(localDateTime(change + 999, 'Europe/Berlin')).toEqual({ year: 2026, month: 3, day: 29, hour: 3, minute: 0, second: 0 });
      expect(localDayKey(utc('2026-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-12-31');
      expect(localDayKey(utc('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
      // Another zone in between keeps its own: Berlin's second is still known.
      expect(localDateTime(change + 500, 'Europe/Berlin').hour).toBe(3);
      expect(read).toHaveBeenCalledTimes(4);
    } finally {
      read.mockRestore();
    }
  });
});
