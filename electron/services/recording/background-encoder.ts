import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import path from 'node:path';
import type { EncoderSettings } from '@shared/domain/recording/encoder-settings';
import { PreparedExportNote } from '@shared/domain/recording/encode-timing';
import type { Logger } from '../logger';
import { planAddSilence, planArgv, planLiveEncode } from '../media/export-plan';
import { ffmpegMessage } from '../media/media-error';
import { runTool } from '../media/run-ffmpeg';

/** The take's pre-encoded platform MP4 and its note, inside the draft folder. */
export const PREPARED_FILE = 'capture.export.mp4';
export const PREPARED_NOTE = 'capture.export.json';
const PART = `${PREPARED_FILE}.part`;
const SILENCE_PART = `${PREPARED_FILE}.silence.part`;

export type PreparedExport = Readonly<{ file: string; note: PreparedExportNote }>;
export type EncodeOutcome = Readonly<{ ok: true; prepared: PreparedExport; finishMs: number }> | Readonly<{ ok: false; reason: string }>;

export type BackgroundEncoderOptions = Readonly<{
  ffmpeg: string;
  ffprobe: string;
  /** The draft's folder (the take's own). */
  dir: string;
  encoder: EncoderSettings;
  /** Flip a mirrored take back, as the export would. */
  flip: boolean;
  logger: Logger;
  now: () => number;
  /** 19 (lowest) by default: the try-on and the recorder come first; the encode only falls behind. */
  niceness?: number;
  /**
   * Bytes of take not yet taken by ffmpeg beyond which it is given up (it cannot catch up at Stop
   * in time to beat the old export): 24 MiB by default, about a minute of a 3 Mb/s recording.
   */
  maxBacklogBytes?: number;
  /** After the last chunk, how long ffmpeg may take to flush and move moov to the front. */
  finishTimeoutMs?: number;
  /**
   * Priority once the take has stopped (10, the export's, by default): the recorder no longer needs
   * the CPU, and an encode still catching up is what the user now waits for.
   */
  finishNiceness?: number;
}>;

type State = 'running' | 'finishing' | 'done' | 'given-up';

/**
 * Encodes a take to the platform MP4 while it is recorded: the chunks, as they are written to the
 * raw file, are also piped to one ffmpeg running at the lowest priority (planLiveEncode). `finish`
 * ends its input; ffmpeg flushes and writes moov at the front, and the file is renamed to
 * `capture.export.mp4` with a note of the settings it was made with. Anything going wrong (ffmpeg
 * dies, falls too far behind, exits with an error, finishes too slowly) gives the encode up and
 * deletes its output: the raw take is never touched, so the export falls back to the old path.
 */
export class BackgroundEncoder {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private fed = 0;
  private pumping = false;
  private state: State = 'running';
  private reason: string | null = null;
  private stderr = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly log: Logger;
  private readonly maxBacklog: number;

  constructor(private readonly options: BackgroundEncoderOptions) {
    this.log = options.logger.child('live-encode');
    this.maxBacklog = options.maxBacklogBytes ?? 24 * 1024 * 1024;
    const plan = planLiveEncode(path.join(options.dir, PART), options.encoder, options.flip);
    this.child = spawn(options.ffmpeg, ['-loglevel', 'error', ...planArgv(plan)], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
    this.child.once('error', (error) => this.giveUp(`ffmpeg could not be started: ${error.message}`));
    // A broken pipe after ffmpeg died is reported by 'close'; it must not become an uncaught error.
    this.child.stdin.on('error', () => {});
    this.child.stdout.resume();
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-16_000);
    });
    void this.exited.then(({ code, signal }) => {
      if (this.state === 'running') this.giveUp(signal ? `ffmpeg was stopped by ${signal}` : `ffmpeg ended early (${code}): ${ffmpegMessage(this.stderr)}`);
    });
    this.renice(options.niceness ?? 19);
  }

  private renice(niceness: number): void {
    const pid = this.child.pid;
    if (!pid || this.child.exitCode !== null) return;
    try {
      setPriority(pid, niceness);
    } catch {
      // Not permitted here (raising priority needs privileges on some systems): it keeps the one it has.
    }
  }

  /** ffmpeg's process id, for tests that kill it mid-take. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Why the encode was given up, or null while it is usable. */
  get failure(): string | null {
    return this.reason;
  }

  /** Bytes ffmpeg has not taken yet. */
  get backlogBytes(): number {
    return this.queuedBytes + this.child.stdin.writableLength;
  }

  /** The next chunk of the take, in recording order; never throws (the take does not depend on it). */
  push(chunk: Uint8Array): void {
    if (this.state !== 'running') return;
    this.queue.push(chunk);
    this.queuedBytes += chunk.byteLength;
    if (this.backlogBytes > this.maxBacklog) {
      this.giveUp(`it fell ${Math.round(this.backlogBytes / 1024)} KiB behind the take`);
      return;
    }
    this.pump();
  }

  /** Ends the take's input and waits for the finished MP4. `durationHintMs`: the take's length, for a silent track. */
  async finish(): Promise<EncodeOutcome> {
    const started = this.options.now();
    if (this.state === 'running') this.state = 'finishing';
    this.renice(this.options.finishNiceness ?? 10);
    const timeoutMs = this.options.finishTimeoutMs ?? 60_000;
    const timer = setTimeout(() => this.giveUp(`it had not finished ${Math.round(timeoutMs / 1000)} s after the take stopped`), timeoutMs);
    try {
      await this.drained();
      if (this.state === 'finishing') this.child.stdin.end();
      const { code, signal } = await this.exited;
      if (this.state !== 'finishing') return { ok: false, reason: this.reason ?? 'it was given up' };
      if (code !== 0) {
        this.giveUp(signal ? `ffmpeg was stopped by ${signal}` : `ffmpeg failed: ${ffmpegMessage(this.stderr)}`);
        return { ok: false, reason: this.reason! };
      }
      const prepared = await this.complete();
      if (this.state !== 'finishing') return { ok: false, reason: this.reason ?? 'it was given up' };
      this.state = 'done';
      const finishMs = this.options.now() - started;
      this.log.info('encoded while recording', { dir: this.options.dir, bytes: this.fed, finishMs });
      return { ok: true, prepared, finishMs };
    } catch (error) {
      this.giveUp(error instanceof Error ? error.message : String(error));
      return { ok: false, reason: this.reason! };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops ffmpeg and deletes what it wrote; the take itself goes on. */
  giveUp(reason: string): void {
    if (this.state === 'given-up' || this.state === 'done') return;
    this.state = 'given-up';
    this.reason = reason;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.emptied?.();
    this.child.kill('SIGKILL');
    this.log.warn('encode while recording given up; the export will encode after the take', { dir: this.options.dir, reason });
    void this.exited.then(() => discardPrepared(this.options.dir));
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    const stdin = this.child.stdin;
    while (this.queue.length > 0 && (this.state === 'running' || this.state === 'finishing')) {
      const chunk = this.queue.shift()!;
      this.queuedBytes -= chunk.byteLength;
      this.fed += chunk.byteLength;
      if (!stdin.write(chunk)) {
        stdin.once('drain', () => {
          this.pumping = false;
          this.pump();
        });
        return;
      }
    }
    this.pumping = false;
    this.emptied?.();
  }

  private emptied: (() => void) | undefined;

  /** Resolves once ffmpeg has taken every chunk, or can take no more (it exited, or the encode was given up). */
  private drained(): Promise<void> {
    if (this.queue.length === 0 || this.state === 'given-up' || this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.emptied = undefined;
        resolve();
      };
      this.emptied = () => {
        if (this.queue.length === 0 || this.state === 'given-up') done();
      };
      // A dead ffmpeg never drains its pipe: its exit ends the wait whatever is still queued.
      void this.exited.then(done);
    });
  }

  /** The part file becomes the prepared MP4 (with a silent track when the take had no sound) and its note. */
  private async complete(): Promise<PreparedExport> {
    const dir = this.options.dir;
    const part = path.join(dir, PART);
    const out = await runTool(this.options.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type:format=duration', '-of', 'json', part], 20_000);
    const json = JSON.parse(out.stdout) as { streams?: { codec_type?: string }[]; format?: { duration?: string } };
    if (!json.streams?.some((s) => s.codec_type === 'video')) throw new Error('the encode has no picture');
    if (!json.streams.some((s) => s.codec_type === 'audio')) {
      const durationMs = Math.round(Number(json.format?.duration ?? 0) * 1000);
      const silence = path.join(dir, SILENCE_PART);
      await runTool(this.options.ffmpeg, ['-loglevel', 'error', ...planArgv(planAddSilence(part, silence, durationMs))], 60_000);
      await rename(silence, part);
    }
    const note: PreparedExportNote = { version: 1, encoder: this.options.encoder, flip: this.options.flip };
    const file = path.join(dir, PREPARED_FILE);
    await rename(part, file);
    await writeFile(path.join(dir, PREPARED_NOTE), JSON.stringify(note));
    return { file, note };
  }
}

/** The pre-encoded MP4 a finished take left in its folder, when it is complete (its note was written last). */
export async function readPrepared(dir: string): Promise<PreparedExport | null> {
  try {
    const note = PreparedExportNote.parse(JSON.parse(await readFile(path.join(dir, PREPARED_NOTE), 'utf8')));
    const file = path.join(dir, PREPARED_FILE);
    if ((await stat(file)).size === 0) return null;
    return { file, note };
  } catch {
    return null;
  }
}

/** Removes a pre-encoded MP4 and its leftovers (a take recovered after a crash, an encode given up). */
export async function discardPrepared(dir: string): Promise<void> {
  await Promise.all([PART, SILENCE_PART, PREPARED_FILE, PREPARED_NOTE].map((name) => rm(path.join(dir, name), { force: true })));
}
