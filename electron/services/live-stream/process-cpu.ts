import { readFile } from 'node:fs/promises';

/** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every mainstream kernel). */
const TICKS_PER_S = 100;

/** CPU seconds (user + system) a process has used, from /proc; null where /proc is not there. */
export async function cpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_S : null;
  } catch {
    return null;
  }
}

/** % of one core a process used between two samples. */
export class CpuMeter {
  private last: { cpuS: number; at: number } | null = null;

  constructor(private readonly pid: number) {}

  async sample(nowMs: number): Promise<number | null> {
    const cpuS = await cpuSeconds(this.pid);
    if (cpuS === null) return null;
    const prev = this.last;
    this.last = { cpuS, at: nowMs };
    if (!prev || nowMs <= prev.at) return null;
    return Math.max(0, Math.round(((cpuS - prev.cpuS) / ((nowMs - prev.at) / 1000)) * 100));
  }
}
