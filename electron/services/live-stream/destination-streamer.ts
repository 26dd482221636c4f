import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { DestinationHealth, DestinationId, DestinationState, StreamOutput } from '@shared/ipc/nouns/live-stream';
import type { Logger } from '../logger';
import { CpuMeter } from './process-cpu';
import { lagSeconds, lastLine, ProgressParser, SpeedWindow, warningsFor, type ProgressBlock } from './progress';
import { chooseVideo, redact, streamArgv, type VideoPlan, type VideoPreference } from './stream-plan';
import type { CaptureVideo } from './webm-blocks';
import type { WebmPiece } from './webm-clusters';

/** `keyframeSeconds`: 2 unless the destination wants otherwise (the platform's HLS cuts a fragment at each keyframe). */
export type DestinationTarget = Readonly<{ id: DestinationId; name: string; url: string; key: string; keyframeSeconds?: number }>;

export type DestinationStreamerOptions = Readonly<{
  target: DestinationTarget;
  output: StreamOutput;
  hasAudio: boolean;
  ffmpeg: string;
  /** The stream's WebM header, fed to every (re)started ffmpeg before the first cluster. */
  init: () => Uint8Array | null;
  /** The capture's video track from that header: whether ffmpeg may copy it (stream-plan.ts chooseVideo). */
  capture?: () => CaptureVideo | null;
  /** `auto` (default): copy H.264 where it fits; `encode`: always x264. */
  video?: VideoPreference;
  logger: Logger;
  now: () => number;
  onChange: () => void;
  /** Waits between reconnect attempts: 1, 2, 4, 8, 15 s (the last repeats). */
  backoffMs?: readonly number[];
  /** Capture waiting for ffmpeg beyond this is dropped, up to the newest keyframe: 4 MiB (~10 s at 3 Mb/s). */
  maxQueueBytes?: number;
  /**
   * Capture older than this still waiting for ffmpeg (an encoder slower than real time) is dropped
   * up to the newest keyframe, so the delay stays bounded instead of growing: 1 s.
   */
  maxQueueMs?: number;
  /** No progress for this long while capture flows: the connection hangs, ffmpeg is restarted. */
  stallMs?: number;
  /** After the input ends at Stop, how long ffmpeg may take to flush before it is killed. */
  stopTimeoutMs?: number;
  /** Attempts in a row that never went live before the destination is given up as failed. */
  maxAttempts?: number;
}>;

type Queued = { piece: WebmPiece; at: number };

export const DEFAULT_BACKOFF_MS = [1000, 2000, 4000, 8000, 15000] as const;

/** ffmpeg errors that a retry cannot fix. */
const PERMANENT = /Protocol not found|Unknown encoder|Encoder not found|Unrecognized option|Option not found|Invalid argument|No such file or directory/i;

/**
 * One destination: one ffmpeg fed from a bounded queue of WebM pieces, so a dead or slow
 * destination never holds the others up. When ffmpeg exits while the stream goes on, it is started
 * again after a backoff (1, 2, 4 … 15 s) and fed the WebM header then whole clusters from the
 * newest one. When the queue overflows, whole clusters are dropped (counted) rather than memory grown.
 */
export class DestinationStreamer {
  private child: ChildProcessWithoutNullStreams | null = null;
  private fedInit = false;
  private readonly queue: Queued[] = [];
  private queuedBytes = 0;
  /** The next piece this ffmpeg takes must open on a keyframe (after a start or a drop). */
  private needsKeyframe = true;
  /** Started before the capture's header came: ffmpeg is spawned once it has (the plan needs it). */
  private awaitingHeader = false;
  private plan: VideoPlan | null = null;
  /** Video frames the queue dropped (on top of what ffmpeg itself dropped). */
  private queueDroppedFrames = 0;
  private stateValue: DestinationState = 'connecting';
  private reason: string | null = null;
  /** Why this service killed ffmpeg itself (a stall, a queue it could not drain), for the exit. */
  private killReason: string | null = null;
  private stderr = '';
  private progress = new ProgressParser();
  private speedWindow = new SpeedWindow();
  private last: ProgressBlock | null = null;
  private liveSince: { wall: number; media: number } | null = null;
  private lastProgressAt = 0;
  private lastPushAt = 0;
  private spawnedAt = 0;
  private attempts = 0;
  private reconnects = 0;
  private droppedBytes = 0;
  private carriedFrames = { frames: 0, dropped: 0, dup: 0 };
  private cpu: number | null = null;
  private cpuMeter: CpuMeter | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopping = false;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly maxQueue: number;
  private readonly maxQueueMs: number;

  constructor(private readonly options: DestinationStreamerOptions) {
    this.log = options.logger.child('destination');
    this.maxQueue = options.maxQueueBytes ?? 4 * 1024 * 1024;
    this.maxQueueMs = options.maxQueueMs ?? 1000;
  }

  /** Capture waiting for this ffmpeg: bytes, and how long ago its oldest piece came. */
  get backlog(): { bytes: number; ms: number } {
    const oldest = this.queue[0];
    return { bytes: this.queuedBytes, ms: oldest ? this.options.now() - oldest.at : 0 };
  }

  /** How the video is made (null until the capture's header came). */
  get video(): VideoPlan | null {
    return this.plan;
  }

  get id(): DestinationId {
    return this.options.target.id;
  }

  get state(): DestinationState {
    return this.stateValue;
  }

  /** ffmpeg's process id now (tests; CPU figures). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): void {
    if (this.options.init()) this.spawn();
    else this.awaitingHeader = true;
  }

  /** The next piece of capture; never blocks, never throws. */
  push(piece: WebmPiece): void {
    if (this.stopping || this.stateValue === 'failed' || this.stateValue === 'ended') return;
    const now = this.options.now();
    this.lastPushAt = now;
    if (!this.child) {
      // Waiting for the header or to reconnect: keep only from the newest keyframe, which the next ffmpeg starts from.
      if (piece.keyframe) this.clearQueue();
      if (piece.keyframe || this.queue.length > 0) this.enqueue(piece, now);
      if (this.queuedBytes > this.maxQueue) this.clearQueue();
      if (this.awaitingHeader && this.options.init()) {
        this.awaitingHeader = false;
        this.spawn();
      }
      return;
    }
    this.enqueue(piece, now);
    if (this.queuedBytes > this.maxQueue || now - this.queue[0]!.at > this.maxQueueMs) this.dropToNewestKeyframe();
    this.pump();
  }

  /** Called about once a second: the stall watchdog and the CPU figure. */
  async tick(): Promise<void> {
    const now = this.options.now();
    const child = this.child;
    if (child && !this.stopping) {
      const since = Math.max(this.lastProgressAt, this.spawnedAt);
      const flowing = now - this.lastPushAt < 2000;
      if (flowing && now - since > (this.options.stallMs ?? 10_000)) {
        this.killReason = this.stateValue === 'live' ? 'The connection stalled' : 'The server did not answer';
        this.log.warn('destination stalled; restarting its ffmpeg', { id: this.id });
        child.kill('SIGKILL');
      }
    }
    const cpu = await this.cpuMeter?.sample(now);
    if (cpu !== undefined) this.cpu = cpu;
  }

  /** Ends the input so ffmpeg flushes and closes the connection; kills it after the timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.clearQueue();
    const child = this.child;
    if (child) {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 3000);
      await this.exited;
      clearTimeout(timer);
    }
    if (this.stateValue !== 'failed') this.setState('ended', null);
  }

  health(): DestinationHealth {
    const b = this.last;
    const live = this.stateValue === 'live';
    const frames = this.carriedFrames.frames + (b?.frame ?? 0);
    const droppedFrames = this.carriedFrames.dropped + (b?.dropFrames ?? 0) + this.queueDroppedFrames;
    const speed = live ? this.speedWindow.speed() : null;
    const lag = live && b?.outTimeS != null && this.liveSince ? lagSeconds((this.options.now() - this.liveSince.wall) / 1000, b.outTimeS - this.liveSince.media) : null;
    return {
      id: this.id,
      name: this.options.target.name,
      state: this.stateValue,
      video: this.plan,
      reason: this.reason,
      kbps: live ? (b?.kbps ?? null) : null,
      fps: live ? (this.speedWindow.fps() ?? b?.fps ?? null) : null,
      frames,
      droppedFrames,
      dupFrames: this.carriedFrames.dup + (b?.dupFrames ?? 0),
      droppedBytes: this.droppedBytes,
      speed,
      lagS: lag,
      cpu: this.child ? this.cpu : null,
      reconnects: this.reconnects,
      warnings: this.stateValue === 'ended' ? [] : warningsFor({ frames, droppedFrames, droppedBytes: this.droppedBytes, speed }),
    };
  }

  private spawn(): void {
    const { target } = this.options;
    this.retryTimer = null;
    this.attempts++;
    this.fedInit = false;
    this.needsKeyframe = true;
    this.stderr = '';
    this.progress = new ProgressParser();
    this.speedWindow = new SpeedWindow();
    this.spawnedAt = this.options.now();
    this.lastProgressAt = 0;
    this.liveSince = null;
    // A restart begins from the newest keyframe: what came before it is stale for a live audience.
    this.trimToNewestKeyframe();
    this.plan = chooseVideo(this.options.capture?.() ?? null, this.options.output, this.options.video);
    const argv = streamArgv({
      output: this.options.output,
      video: this.plan,
      hasAudio: this.options.hasAudio,
      url: target.url,
      key: target.key,
      ...(target.keyframeSeconds ? { keyframeSeconds: target.keyframeSeconds } : {}),
    });
    const child = spawn(this.options.ffmpeg, argv, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    this.cpuMeter = child.pid ? new CpuMeter(child.pid) : null;
    this.cpu = null;
    this.log.info('destination starting', { id: this.id, attempt: this.attempts, video: this.plan.mode === 'copy' ? 'copy' : `encode (${this.plan.why})` });
    child.stdin.on('error', () => {}); // EPIPE after ffmpeg died is reported by 'close'
    child.stdout.setEncoding('utf8').on('data', (text: string) => this.onProgress(text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-8000);
    });
    let failedToStart: string | null = null;
    child.once('error', (error) => {
      failedToStart = `ffmpeg could not be started: ${error.message}`;
    });
    this.exited = new Promise((resolve) =>
      child.once('close', (code, signal) => {
        this.onExit(child, code, signal, failedToStart);
        resolve();
      }),
    );
    this.pump();
  }

  private onProgress(text: string): void {
    for (const block of this.progress.push(text)) {
      this.last = block;
      this.lastProgressAt = this.options.now();
      if (block.outTimeS !== null && block.frame > 0) this.speedWindow.add(this.lastProgressAt, block.outTimeS, block.frame);
      if (block.frame > 0 && block.totalSize > 0 && this.stateValue !== 'live' && !this.stopping) {
        this.attempts = 0;
        this.liveSince = { wall: this.options.now(), media: block.outTimeS ?? 0 };
        this.log.info('destination live', { id: this.id });
        this.setState('live', null);
      }
    }
  }

  private onExit(child: ChildProcessWithoutNullStreams, code: number | null, signal: NodeJS.Signals | null, failedToStart: string | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.cpuMeter = null;
    if (this.last) {
      this.carriedFrames = { frames: this.carriedFrames.frames + this.last.frame, dropped: this.carriedFrames.dropped + this.last.dropFrames, dup: this.carriedFrames.dup + this.last.dupFrames };
      this.last = null;
    }
    if (this.stopping) return;
    const said = lastLine(this.stderr);
    const reason = redact(failedToStart ?? this.killReason ?? said ?? (signal ? `ffmpeg was stopped by ${signal}` : `ffmpeg ended (${code})`), this.options.target.key);
    this.killReason = null;
    const permanent = failedToStart !== null || (said !== null && PERMANENT.test(said));
    const maxAttempts = this.options.maxAttempts ?? 8;
    if (permanent || this.attempts >= maxAttempts) {
      this.log.warn('destination failed', { id: this.id, reason, attempts: this.attempts });
      this.clearQueue();
      this.setState('failed', reason);
      return;
    }
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    const wait = backoff[Math.min(this.attempts - 1, backoff.length - 1)] ?? 1000;
    this.reconnects++;
    this.log.warn('destination dropped; reconnecting', { id: this.id, reason, waitMs: wait });
    this.setState('reconnecting', reason);
    this.retryTimer = setTimeout(() => this.spawn(), wait);
  }

  private pump(): void {
    const child = this.child;
    if (!child || child.stdin.writableNeedDrain || child.stdin.destroyed) return;
    if (!this.fedInit) {
      const init = this.options.init();
      if (!init) return;
      this.fedInit = true;
      child.stdin.write(init);
    }
    while (this.queue.length > 0) {
      const { piece } = this.queue.shift()!;
      this.queuedBytes -= piece.bytes.byteLength;
      if (this.needsKeyframe && !piece.keyframe) continue;
      this.needsKeyframe = false;
      if (!child.stdin.write(piece.bytes)) {
        child.stdin.once('drain', () => this.pump());
        return;
      }
    }
  }

  private enqueue(piece: WebmPiece, at: number): void {
    this.queue.push({ piece, at });
    this.queuedBytes += piece.bytes.byteLength;
  }

  private clearQueue(): void {
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  private trimToNewestKeyframe(): void {
    let newest = -1;
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i]!.piece.keyframe) {
        newest = i;
        break;
      }
    if (newest < 0) return this.clearQueue();
    for (const { piece } of this.queue.splice(0, newest)) this.queuedBytes -= piece.bytes.byteLength;
  }

  /**
   * Drops whole GOPs from the queue: the rest of the one ffmpeg is reading is kept, then everything
   * up to the newest keyframe goes (its frames counted as dropped), so the next frame ffmpeg reads
   * after that GOP is a keyframe about now. When that frees nothing and the bytes pile up (one huge
   * GOP, a hung connection), ffmpeg is restarted from the newest keyframe instead.
   */
  private dropToNewestKeyframe(): void {
    let first = -1;
    let newest = -1;
    this.queue.forEach(({ piece }, i) => {
      if (!piece.keyframe) return;
      if (first < 0) first = i;
      newest = i;
    });
    if (first >= 0 && newest > first) {
      let bytes = 0;
      let frames = 0;
      for (const { piece } of this.queue.splice(first, newest - first)) {
        bytes += piece.bytes.byteLength;
        frames += piece.videoFrames;
      }
      this.queuedBytes -= bytes;
      this.droppedBytes += bytes;
      this.queueDroppedFrames += frames;
      this.log.warn('destination fell behind; dropped capture up to the newest keyframe', { id: this.id, bytes, frames });
      this.options.onChange();
      return;
    }
    if (this.queuedBytes > this.maxQueue * 2 && this.child) {
      this.droppedBytes += this.queuedBytes;
      this.killReason = 'The connection could not keep up';
      this.child.kill('SIGKILL');
    }
  }

  private setState(state: DestinationState, reason: string | null): void {
    this.stateValue = state;
    this.reason = reason;
    this.options.onChange();
  }
}
