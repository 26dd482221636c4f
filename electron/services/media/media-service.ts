import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import type { FfmpegTools } from '../ffmpeg/locate';
import { DEFAULT_ENCODER_SETTINGS, EncoderSettings } from '@shared/domain/recording/encoder-settings';
import type { ExportJobId } from '@shared/domain/ids';
import { estimateEtaMs, type ExportProgress } from '@shared/domain/recording/export-progress';
import { frameTimes, planExport, planFrames, planRemux, type ExportSource } from './export-plan';
import { runPlan, type RunLimits } from './fluent-run';
import { JobQueue } from './job-queue';
import { MediaError } from './media-error';
import { checkPrepared, type PreparedInput } from './prepared-export';
import { probe, type MediaInfo } from './probe';
import { runTool } from './run-ffmpeg';

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    (s) => s.size > 0,
    () => false,
  );

export interface MediaTimeouts {
  /** ffprobe and single-frame grabs. */
  readonly toolMs: number;
  /** An encode that prints nothing for this long is stuck. */
  readonly stallMs: number;
  /** Total budget of a job: a floor plus an allowance per second of media (covers slow machines, slow presets). */
  readonly jobFloorMs: number;
  readonly jobPerMediaSecondMs: number;
}

/** Exports run below normal priority so the shooting page stays smooth (see RunLimits.niceness). */
export const DEFAULT_EXPORT_NICENESS = 10;

export const DEFAULT_MEDIA_TIMEOUTS: MediaTimeouts = Object.freeze({ toolMs: 20_000, stallMs: 30_000, jobFloorMs: 60_000, jobPerMediaSecondMs: 10_000 });

export type MediaServiceDeps = Readonly<{
  /** Asked at each job, so a new ffmpeg path chosen in Settings applies to the next export. */
  /** The ffmpeg in use; a promise while it is being located (jobs wait for it). */
  tools: () => FfmpegTools | null | Promise<FfmpegTools | null>;
  logger: Logger;
  now: () => number;
  /** Settings' preset and quality, read when a job starts. */
  encoder?: () => EncoderSettings;
  timeouts?: Partial<MediaTimeouts>;
  /** 0 = normal priority; DEFAULT_EXPORT_NICENESS when left out. */
  niceness?: number;
}>;

/** `mirrored`: the frames are mirrored and are flipped back (a mirrored camera view, exported un-mirrored). */
export type ExportInput = Readonly<{ kind: 'video'; file: string; mirrored?: boolean }> | Readonly<{ kind: 'still'; file: string; seconds: number }>;

export type ExportRequest = Readonly<{
  source: ExportInput;
  /** Existing folder the MP4 and JPEGs are written to (the draft's own folder). */
  outputDir: string;
  /** File name stem: `<baseName>.mp4`, `<baseName>.poster.jpg`, `<baseName>.cover-1.jpg` … */
  baseName: string;
  /** Overrides Settings for this job only. */
  encoder?: EncoderSettings;
  /** Poster and cover candidates; on by default. */
  frames?: boolean;
  onProgress?: (progress: ExportProgress) => void;
  /**
   * The take's MP4 encoded while it was recorded (awaited inside the job: the encode may still be
   * finishing). Used in place of encoding when it checks out as what this export would write;
   * otherwise discarded, and the source is encoded as usual.
   */
  prepared?: () => Promise<PreparedInput | null>;
}>;

export interface ExportResult {
  readonly file: string;
  readonly posterFile: string | null;
  readonly coverFiles: readonly string[];
  /** Probed from the written MP4, not assumed from the input. */
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
  readonly sizeBytes: number;
  readonly encoder: EncoderSettings;
}

export interface ExportHandle {
  readonly id: ExportJobId;
  readonly done: Promise<ExportResult>;
  cancel(): void;
}

/** Longest still-photo video; a platform post is short, and this bounds the disk a typo can fill. */
export const STILL_SECONDS_MAX = 180;

/**
 * Owns ffmpeg: exports to the platform MP4, remuxes recordings, probes and grabs frames. Exports
 * and remuxes share one queue so at most one encoder runs at a time; probes and thumbnails are
 * quick and run beside it.
 */
export class MediaService {
  private readonly queue = new JobQueue();
  private readonly timeouts: MediaTimeouts;
  private readonly log: Logger;

  constructor(private readonly deps: MediaServiceDeps) {
    this.timeouts = { ...DEFAULT_MEDIA_TIMEOUTS, ...deps.timeouts };
    this.log = deps.logger.child('media');
  }

  export(request: ExportRequest): ExportHandle {
    const id = `exp_${this.deps.now().toString(36)}${randomBytes(6).toString('hex')}` as ExportJobId;
    const report = (p: Omit<ExportProgress, 'jobId'>): void => request.onProgress?.({ jobId: id, ...p });
    const handle = this.queue.enqueue(
      id,
      (signal) => this.runExport(id, request, signal, report),
      (ahead) => report({ state: 'queued', percent: 0, etaMs: null, ahead }),
    );
    return { id, done: handle.done, cancel: handle.cancel };
  }

  /** Ids in the queue: the running export first. */
  pending(): { running: string | null; waiting: string[] } {
    return this.queue.snapshot();
  }

  async probe(file: string): Promise<MediaInfo> {
    return probe(await this.ffprobe(), file, this.timeouts.toolMs);
  }

  /** A JPEG at most `maxWidth` wide, from about a tenth in (first frames are often the countdown or black). */
  async thumbnailFor(file: string, output: string, maxWidth = 480): Promise<MediaInfo> {
    const info = await this.probe(file);
    await runTool(await this.ffmpeg(), planFrames(file, [{ atMs: info.isStill ? 0 : frameTimes(info.durationMs).poster, output }], maxWidth), this.timeouts.toolMs);
    return info;
  }

  /**
   * Stream-copies a recording into a fresh container (queued like an export). Gives MediaRecorder's
   * WebM a duration and cues, and salvages everything before the tear in a truncated file.
   */
  async remux(input: string, output: string, signal?: AbortSignal): Promise<MediaInfo> {
    const partial = `${output}.part`;
    const handle = this.queue.enqueue(`rmx_${this.deps.now().toString(36)}`, async (queueSignal) => {
      const tools = await this.tools();
      // The container comes from the final name: the partial file's `.part` says nothing.
      const plan = planRemux(input, partial, path.extname(output).toLowerCase() === '.mp4' ? 'mp4' : 'webm', 0);
      const abort = AbortSignal.any([queueSignal, ...(signal ? [signal] : [])]);
      try {
        await runPlan(tools.ffmpeg, plan, this.limitsFor(60_000), abort, () => {});
        await rename(partial, output);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return this.probe(output);
    });
    signal?.addEventListener('abort', handle.cancel, { once: true });
    return handle.done;
  }

  private async runExport(id: ExportJobId, request: ExportRequest, signal: AbortSignal, report: (p: Omit<ExportProgress, 'jobId'>) => void): Promise<ExportResult> {
    const tools = await this.tools();
    const encoder = EncoderSettings.parse(request.encoder ?? this.deps.encoder?.() ?? DEFAULT_ENCODER_SETTINGS);
    const started = this.deps.now();
    report({ state: 'running', percent: 0, etaMs: null, ahead: 0 });
    const info = await probe(await this.ffprobe(), request.source.file, this.timeouts.toolMs);
    const source = this.sourceFor(request.source, info);
    const file = path.join(request.outputDir, `${request.baseName}.mp4`);
    if (source.kind === 'video' && request.prepared && (await this.adopt(id, request.prepared, info, encoder, source.flip === true, file))) {
      report({ state: 'finishing', percent: 99, etaMs: null, ahead: 0 });
      const result = await this.describeOutput(file, request, encoder, signal);
      this.log.info('export finished from the encode made while recording', { id, ms: this.deps.now() - started, sizeBytes: result.sizeBytes });
      return result;
    }
    const partial = `${file}.part`;
    const plan = planExport(source, partial, encoder);
    this.log.info('export started', { id, input: request.source.file, output: file, width: plan.width, height: plan.height, durationMs: plan.durationMs, ...encoder });
    let lastPercent = 0;
    try {
      await runPlan(tools.ffmpeg, plan, this.limitsFor(plan.durationMs), signal, (ms) => {
        // The last whole percent before finishing is kept for the frames and the faststart pass.
        const percent = Math.min(99, Math.floor((ms / Math.max(1, plan.durationMs)) * 100));
        if (percent === lastPercent) return;
        lastPercent = percent;
        report({ state: 'running', percent, etaMs: estimateEtaMs(this.deps.now() - started, percent), ahead: 0 });
      });
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      this.log.warn('export failed', { id, error });
      throw error;
    }
    report({ state: 'finishing', percent: 99, etaMs: null, ahead: 0 });
    const result = await this.describeOutput(file, request, encoder, signal);
    this.log.info('export finished', { id, ms: this.deps.now() - started, sizeBytes: result.sizeBytes });
    return result;
  }

  /** Moves a checked pre-encoded MP4 into the export's place; false (and it is deleted) when it does not check out. */
  private async adopt(id: ExportJobId, prepared: () => Promise<PreparedInput | null>, info: MediaInfo, encoder: EncoderSettings, flip: boolean, file: string): Promise<boolean> {
    let candidate: PreparedInput | null = null;
    try {
      candidate = await prepared();
      if (!candidate) return false;
      const check = await checkPrepared(await this.ffprobe(), candidate, info, encoder, flip, this.timeouts.toolMs);
      if (!check.ok) {
        this.log.warn('encode made while recording not used', { id, reason: check.reason });
        await rm(candidate.file, { force: true });
        return false;
      }
      await rename(candidate.file, file);
      return true;
    } catch (error) {
      this.log.warn('encode made while recording not used', { id, error });
      if (candidate) await rm(candidate.file, { force: true });
      return false;
    }
  }

  private async describeOutput(file: string, request: ExportRequest, encoder: EncoderSettings, signal: AbortSignal): Promise<ExportResult> {
    const out = await this.probe(file);
    let posterFile: string | null = null;
    const coverFiles: string[] = [];
    if (request.frames !== false && !signal.aborted) {
      // Seek within the picture, not the container: a take's sound can outlast its last frame,
      // and a seek past that frame writes no image.
      const times = frameTimes(Math.min(out.durationMs, out.videoDurationMs ?? out.durationMs));
      const stem = path.join(request.outputDir, request.baseName);
      const shots = [{ atMs: times.poster, output: `${stem}.poster.jpg` }, ...times.covers.map((atMs, i) => ({ atMs, output: `${stem}.cover-${i + 1}.jpg` }))];
      await runTool(await this.ffmpeg(), planFrames(file, shots, null), this.timeouts.toolMs);
      // Any grab that still came back empty is taken again from the first frame, so a post always
      // has its poster and three candidates.
      for (const shot of shots) {
        if (!(await exists(shot.output))) await runTool(await this.ffmpeg(), planFrames(file, [{ atMs: 0, output: shot.output }], null), this.timeouts.toolMs);
      }
      const written = await Promise.all(shots.map(async (shot) => ((await exists(shot.output)) ? shot.output : null)));
      posterFile = written[0] ?? null;
      coverFiles.push(...written.slice(1).filter((f): f is string => f !== null));
    }
    const { size } = await stat(file);
    return { file, posterFile, coverFiles, durationMs: out.durationMs, width: out.width, height: out.height, sizeBytes: size, encoder };
  }

  private sourceFor(input: ExportInput, info: MediaInfo): ExportSource {
    switch (input.kind) {
      case 'video':
        if (info.isStill) throw new MediaError('corrupt-input', { key: 'media.stillPicture', params: { file: path.basename(input.file) } });
        return { kind: 'video', file: input.file, info, flip: input.mirrored === true };
      case 'still':
        if (!(input.seconds > 0 && input.seconds <= STILL_SECONDS_MAX)) throw new MediaError('corrupt-input', { key: 'media.photoLength', params: { max: STILL_SECONDS_MAX } });
        return { kind: 'still', file: input.file, info, seconds: input.seconds };
      default: {
        const never: never = input;
        throw new Error(`unknown export input ${String(never)}`);
      }
    }
  }

  private limitsFor(durationMs: number): RunLimits {
    return {
      stallMs: this.timeouts.stallMs,
      maxMs: this.timeouts.jobFloorMs + (durationMs / 1000) * this.timeouts.jobPerMediaSecondMs,
      niceness: this.deps.niceness ?? DEFAULT_EXPORT_NICENESS,
    };
  }

  private async tools(): Promise<FfmpegTools> {
    const tools = await this.deps.tools();
    if (!tools) throw new MediaError('ffmpeg-missing', { key: 'media.noFfmpeg' });
    return tools;
  }

  private async ffmpeg(): Promise<string> {
    return (await this.tools()).ffmpeg;
  }

  private async ffprobe(): Promise<string> {
    const ffprobe = (await this.tools()).ffprobe;
    if (!ffprobe) throw new MediaError('ffmpeg-missing', { key: 'media.noFfprobe' });
    return ffprobe;
  }
}
