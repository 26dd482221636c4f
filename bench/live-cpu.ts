import { readdirSync, readFileSync } from 'node:fs';

/** BENCH_LIVE_RAW_THREADS=1: each thread under its own name (to see what a group holds). */
const RAW = process.env.BENCH_LIVE_RAW_THREADS === '1';
/** Linux's clock ticks per second for /proc times (USER_HZ). */
const TICKS_PER_S = 100;

/** One thread's CPU so far, with what it belongs to. */
interface ThreadTicks {
  readonly pid: number;
  readonly tid: number;
  readonly process: string;
  readonly thread: string;
  readonly ticks: number;
}

/** Every thread of the processes under `root` (and `root` itself), with the process's role. */
export interface CpuSnapshot {
  readonly at: number;
  readonly threads: readonly ThreadTicks[];
}

/** utime + stime of a /proc stat line, and its command name. */
function parseStat(stat: string): { comm: string; ppid: number; ticks: number } {
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  // Fields after "pid (comm) ": state ppid … utime is the 14th field of the line, the 12th after state.
  const fields = stat.slice(close + 2).split(' ');
  return { comm, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * What a process is, from its command line: the Chromium process types (the studio's page and the
 * bench's viewer told apart by `viewerRenderers`), the studio host (its main side with the embedded
 * platform), nginx, the destination ffmpegs, the bench's own helpers.
 */
function roleOf(pid: number, comm: string, self: number, viewerRenderers: ReadonlySet<number>): string {
  if (pid === self) return 'bench (playwright client)';
  const argv = (read(`/proc/${pid}/cmdline`) ?? '').split('\0');
  const line = argv.join(' ');
  if (/chrom/i.test(comm) || /chromium/.test(argv[0] ?? '')) {
    const type = /--type=(\S+)/.exec(line)?.[1];
    if (!type) return 'chromium browser process';
    if (type === 'renderer') return viewerRenderers.has(pid) ? 'chromium renderer: the bench viewer' : 'chromium renderer: studio';
    if (type === 'gpu-process') return 'chromium GPU process (SwiftShader, viz)';
    if (type === 'utility') {
      const sub = /--utility-sub-type=(\S+)/.exec(line)?.[1] ?? '';
      if (/video_capture/.test(sub)) return 'chromium video capture (the fake webcam file)';
      if (/audio/.test(sub)) return 'chromium audio service';
      if (/network/.test(sub)) return 'chromium network service';
      return `chromium utility ${sub}`;
    }
    return `chromium ${type}`;
  }
  if (comm === 'ffmpeg') {
    if (line.includes('-listen')) return 'ffmpeg: the bench RTMP sink (a remote service)';
    if (line.includes('pipe:0')) return line.includes('libx264') ? 'ffmpeg per destination (x264)' : 'ffmpeg per destination (copy)';
    return 'ffmpeg: the bench fragment reader';
  }
  if (comm.startsWith('nginx')) return 'nginx (rtmp + hls)';
  if (line.includes('electron/web/index.ts')) return 'studio host node (main side + embedded platform)';
  if (line.includes('tsx') && line.includes('cli.mjs')) return 'tsx wrapper';
  return comm;
}

/** Threads worth naming on their own; the rest of a process is summed as "other threads". */
const NAMED_THREADS: Readonly<Record<string, string>> = {
  CrGpuMain: 'GPU main thread',
  VizCompositorTh: 'viz compositor',
  Compositor: 'compositor',
  DedicatedWorker: 'workers (tracker)',
  'DedicatedWorker ': 'workers (tracker)',
  Media: 'media',
  MediaRecorder: 'media recorder',
  AudioOutputDevi: 'audio output',
  VideoFrameCompo: 'video frame compositor',
};

/** A process's main thread carries the process's name (in a renderer, the page's thread). */
function threadGroup(thread: string, processComm: string): string {
  if (thread === processComm) return 'main thread';
  if (NAMED_THREADS[thread]) return NAMED_THREADS[thread];
  if (/^Thread<\d+>$/.test(thread)) return 'SwiftShader threads';
  if (thread.startsWith('DedicatedWorker')) return 'workers (tracker)';
  if (thread.startsWith('ThreadPool')) return 'thread pool';
  if (thread.startsWith('libuv-worker') || thread.startsWith('node')) return thread.replace(/\d+$/, '');
  return 'other threads';
}

/** All threads under `root` now; processes listed in `viewerRenderers` are the bench's viewer. */
export function cpuSnapshot(root: number, viewerRenderers: ReadonlySet<number> = new Set()): CpuSnapshot {
  const parentOf = new Map<number, number>();
  const commOf = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const { comm, ppid } = parseStat(stat);
    parentOf.set(Number(entry), ppid);
    commOf.set(Number(entry), comm);
  }
  const pids = [root];
  for (let i = 0; i < pids.length; i++) for (const [pid, parent] of parentOf) if (parent === pids[i]) pids.push(pid);
  const threads: ThreadTicks[] = [];
  for (const pid of pids) {
    const role = roleOf(pid, commOf.get(pid) ?? '?', root, viewerRenderers);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const { comm, ticks } = parseStat(stat);
      threads.push({ pid, tid: Number(tid), process: role, thread: RAW ? comm : threadGroup(comm, commOf.get(pid) ?? ''), ticks });
    }
  }
  return { at: Date.now(), threads };
}

/** Renderer processes under `root` now (to tell the viewer's, opened later, from the studio's). */
export function rendererPids(root: number): Set<number> {
  const found = new Set<number>();
  for (const t of cpuSnapshot(root).threads) if (t.process === 'chromium renderer: studio') found.add(t.pid);
  return found;
}

/** A row of the CPU table: % of one core over the window (200 % is both cores). */
export interface CpuRow {
  readonly process: string;
  readonly thread: string;
  readonly percent: number;
}

/** CPU used between two snapshots by process role and thread group, largest first; threads born in between count from zero. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuRow[] {
  const seconds = (after.at - before.at) / 1000;
  const start = new Map(before.threads.map((t) => [`${t.pid}/${t.tid}`, t.ticks]));
  const rows = new Map<string, CpuRow>();
  for (const t of after.threads) {
    const used = t.ticks - (start.get(`${t.pid}/${t.tid}`) ?? 0);
    if (used <= 0) continue;
    const key = `${t.process}\0${t.thread}`;
    const percent = (rows.get(key)?.percent ?? 0) + (used / TICKS_PER_S / seconds) * 100;
    rows.set(key, { process: t.process, thread: t.thread, percent });
  }
  return [...rows.values()].sort((a, b) => b.percent - a.percent);
}

/** The table: each process's total, then its threads over 1 %. */
export function printCpu(title: string, rows: readonly CpuRow[]): void {
  const byProcess = new Map<string, CpuRow[]>();
  for (const r of rows) byProcess.set(r.process, [...(byProcess.get(r.process) ?? []), r]);
  const totals = [...byProcess].map(([process, threads]) => ({ process, threads, total: threads.reduce((s, r) => s + r.percent, 0) })).sort((a, b) => b.total - a.total);
  const all = totals.reduce((s, p) => s + p.total, 0);
  console.log(`  ${title}: ${all.toFixed(0)} % of one core in all (200 % = both cores; the studio renderer's main thread is the page's, its thread pool holds the recorder's encoder)`);
  for (const p of totals) {
    if (p.total < 0.5) continue;
    const threads = p.threads.filter((r) => r.percent >= 1 && p.threads.length > 1).map((r) => `${r.thread} ${r.percent.toFixed(0)}`);
    console.log(`    ${p.total.toFixed(1).padStart(6)} %  ${p.process}${threads.length > 0 ? ` (${threads.join(', ')})` : ''}`);
  }
}
