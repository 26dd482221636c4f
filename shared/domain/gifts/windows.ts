/**
 * Opening windows of meal-time gifts, in a room's time zone. A window is a wall-clock span
 * (`07:00`–`09:00`) repeated every local day; an `end` at or before `start` runs past midnight.
 * Time zones come from the runtime's Intl data (IANA names), so DST is whatever the zone does:
 * a window on a DST day is as long as the wall clock says (07:00–09:00 is two real hours on either
 * side of a change), and a wall time that does not exist (02:30 when clocks jump 02:00 → 03:00)
 * resolves to the instant after the gap, one that occurs twice (01:30 when clocks fall back) to the
 * first — the "compatible" rule of Temporal and RFC 5545.
 */

export interface OpeningWindow {
  /** `HH:MM`, 00:00–23:59, local wall time. */
  readonly start: string;
  /** `HH:MM`; at or before `start` → the window ends on the next local day. */
  readonly end: string;
}

export type Availability =
  | { readonly open: true; /** The end of the current window (epoch ms); absent for an always-open gift. */ readonly closesAt?: number }
  | { readonly open: false; /** The start of the next window (epoch ms). */ readonly nextOpensAt: number };

const HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const MINUTE_MS = 60_000;

export function isWallTime(value: string): boolean {
  return HHMM.test(value);
}

/** Whether the runtime knows this IANA time zone (`Europe/Berlin`, `Asia/Shanghai`, `UTC`). */
export function isTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Checks a schedule: wall times well formed, no empty window; refuses with a sentence. */
export function checkSchedule(windows: readonly OpeningWindow[]): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (windows.length === 0) return { ok: false, reason: 'A schedule has at least one window (leave it out for an always-open gift)' };
  for (const w of windows) {
    if (!isWallTime(w.start) || !isWallTime(w.end)) return { ok: false, reason: `A window is HH:MM–HH:MM, not ${w.start}–${w.end}` };
    if (w.start === w.end) return { ok: false, reason: `The window ${w.start}–${w.end} is empty` };
  }
  return { ok: true };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall clock in `timeZone` at the instant `at`. */
export function localDateTime(at: number, timeZone: string): LocalDateTime {
  // Zone offsets are whole seconds, so every instant of one UTC second has the same wall clock:
  // the last one per zone is kept (formatToParts was a visible share of a gift send's CPU).
  const second = Math.floor(at / 1000);
  const last = lastWallClock.get(timeZone);
  if (last?.second === second) return last.wall;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
  lastWallClock.set(timeZone, { second, wall });
  return wall;
}
const lastWallClock = new Map<string, { readonly second: number; readonly wall: LocalDateTime }>();

/** The zone's offset from UTC at `at`, in ms (east positive). Whole seconds; sub-second time is kept by the caller. */
function offsetAt(at: number, timeZone: string): number {
  const l = localDateTime(at, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time in `timeZone` names. Days and months may overflow (day 32 is the
 * next month), as with Date.UTC. In a gap → the instant after it; twice → the earlier one.
 */
export function zonedTimeToInstant(local: Readonly<{ year: number; month: number; day: number; hour: number; minute: number }>, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The offsets a few hours either side bracket any transition near this wall time.
  const before = offsetAt(wall - 12 * 60 * MINUTE_MS, timeZone);
  const after = offsetAt(wall + 12 * 60 * MINUTE_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((instant) => wall - offsetAt(instant, timeZone) === instant);
  if (candidates.length > 0) return Math.min(...candidates);
  // A gap: the wall time is skipped; take it with the offset in force before the change, which lands after the gap.
  return wall - before;
}

/** A local calendar day as the instant of its start, for iterating days without DST arithmetic. */
function dayParts(year: number, month: number, day: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function wallMinutes(hhmm: string): { hour: number; minute: number } {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`not a wall time: ${hhmm}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** Every window occurrence starting on local days `from`..`from + days − 1`, as [start, end) instants. */
function occurrences(windows: readonly OpeningWindow[], timeZone: string, from: { year: number; month: number; day: number }, days: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i < days; i++) {
    const day = dayParts(from.year, from.month, from.day + i);
    for (const w of windows) {
      const s = wallMinutes(w.start);
      const e = wallMinutes(w.end);
      const overnight = e.hour * 60 + e.minute <= s.hour * 60 + s.minute;
      const start = zonedTimeToInstant({ ...day, ...s }, timeZone);
      const endDay = overnight ? dayParts(day.year, day.month, day.day + 1) : day;
      const end = zonedTimeToInstant({ ...endDay, ...e }, timeZone);
      // A window swallowed whole by a DST gap has no real time; skip it.
      if (end > start) spans.push({ start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Whether a gift with this schedule can be sent at `at` in a room in `timeZone`: open with the end
 * of the window (for a countdown), or closed with the start of the next one. `null` → always open.
 * Overlapping or touching windows count as one span (closesAt is where the gift really closes).
 */
export function availability(windows: readonly OpeningWindow[] | null, timeZone: string, at: number): Availability {
  if (windows === null) return { open: true };
  const today = localDateTime(at, timeZone);
  // From yesterday (an overnight window still running) through a week ahead.
  const spans = occurrences(windows, timeZone, dayParts(today.year, today.month, today.day - 1), 9);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const current = merged.find((s) => s.start <= at && at < s.end);
  if (current) return { open: true, closesAt: current.end };
  const next = merged.find((s) => s.start > at);
  if (!next) throw new Error('a schedule with windows always opens within a week');
  return { open: false, nextOpensAt: next.start };
}

/** `YYYY-MM-DD` of the local day at `at`: the key of "per day" limits in a room's zone. */
export function localDayKey(at: number, timeZone: string): string {
  const l = localDateTime(at, timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** `YYYY-MM` of the local month at `at`: a leaderboard period. */
export function monthKey(at: number, timeZone = 'UTC'): string {
  return localDayKey(at, timeZone).slice(0, 7);
}
