import type { StreamWarning } from '@shared/ipc/nouns/live-stream';

/** One block of ffmpeg's `-progress` output (key=value lines ending with `progress=continue|end`). */
export interface ProgressBlock {
  readonly frame: number;
  readonly fps: number | null;
  readonly kbps: number | null;
  readonly totalSize: number;
  readonly outTimeS: number | null;
  readonly dupFrames: number;
  readonly dropFrames: number;
  readonly speed: number | null;
  readonly end: boolean;
}

const num = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
};

/** Collects lines into blocks; `push` returns the blocks completed by this text. */
export class ProgressParser {
  private partial = '';
  private fields = new Map<string, string>();

  push(text: string): ProgressBlock[] {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    const out: ProgressBlock[] = [];
    for (const raw of lines) {
      const line = raw.trim();
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1).trim();
      if (key !== 'progress') {
        this.fields.set(key, value);
        continue;
      }
      const f = this.fields;
      const outUs = num(f.get('out_time_us'));
      out.push({
        frame: Math.max(0, Math.trunc(num(f.get('frame')) ?? 0)),
        fps: num(f.get('fps')),
        kbps: num(f.get('bitrate')),
        totalSize: Math.max(0, Math.trunc(num(f.get('total_size')) ?? 0)),
        outTimeS: outUs !== null && outUs >= 0 ? outUs / 1e6 : null,
        dupFrames: Math.max(0, Math.trunc(num(f.get('dup_frames')) ?? 0)),
        dropFrames: Math.max(0, Math.trunc(num(f.get('drop_frames')) ?? 0)),
        speed: num(f.get('speed')),
        end: value === 'end',
      });
      this.fields = new Map();
    }
    return out;
  }
}

/** Over 1 % of frames dropped, or an encoder slower than 0.95× real time, is worth telling the streamer. */
export const DROPPED_WARN = 0.01;
export const SPEED_WARN = 0.95;

export function warningsFor(h: Readonly<{ frames: number; droppedFrames: number; droppedBytes: number; speed: number | null }>): StreamWarning[] {
  const warnings: StreamWarning[] = [];
  const total = h.frames + h.droppedFrames;
  if ((total > 0 && h.droppedFrames / total > DROPPED_WARN) || h.droppedBytes > 0) warnings.push('dropped');
  if (h.speed !== null && h.speed < SPEED_WARN) warnings.push('lagging');
  return warnings;
}

/**
 * The encoder's speed over the last few seconds (media seconds written per wall second). ffmpeg's
 * own `speed` is averaged since it started, probing and connecting included, so it starts low and
 * reacts slowly; a live encoder fed in real time shows about 1 here, less when it falls behind.
 */
export class SpeedWindow {
  private readonly samples: { wall: number; media: number; frames: number }[] = [];

  constructor(
    private readonly windowMs = 5000,
    private readonly minSpanMs = 2000,
  ) {}

  add(wallMs: number, mediaS: number, frames = 0): void {
    this.samples.push({ wall: wallMs, media: mediaS, frames });
    while (this.samples.length > 2 && wallMs - this.samples[1]!.wall >= this.windowMs) this.samples.shift();
  }

  speed(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.wall - first.wall < this.minSpanMs) return null;
    return Math.max(0, Math.round(((last.media - first.media) / ((last.wall - first.wall) / 1000)) * 100) / 100);
  }

  /** Frames sent per wall second over the window (ffmpeg's own fps is averaged since it started). */
  fps(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.wall - first.wall < this.minSpanMs) return null;
    return Math.max(0, Math.round(((last.frames - first.frames) / ((last.wall - first.wall) / 1000)) * 10) / 10);
  }
}

/**
 * How far behind real time the encoder has fallen since it first went out: wall time since then
 * minus media time written since then (connecting and probing are not lag).
 */
export function lagSeconds(wallSinceS: number, mediaSinceS: number): number {
  return Math.max(0, Math.round((wallSinceS - mediaSinceS) * 10) / 10);
}

/** The last meaningful line of ffmpeg's stderr: its reason for failing. */
export function lastLine(stderr: string): string | null {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^\s*(Last message repeated|frame=)/.test(l));
  return lines.at(-1) ?? null;
}
