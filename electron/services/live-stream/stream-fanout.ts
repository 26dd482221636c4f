import type { DestinationHealth, StreamOutput } from '@shared/ipc/nouns/live-stream';
import type { Logger } from '../logger';
import { DestinationStreamer, type DestinationStreamerOptions, type DestinationTarget } from './destination-streamer';
import type { VideoPreference } from './stream-plan';
import { WebmClusterSplitter } from './webm-clusters';

export type StreamFanoutOptions = Readonly<{
  ffmpeg: string;
  targets: readonly DestinationTarget[];
  output: StreamOutput;
  hasAudio: boolean;
  /** `auto` (default): each destination copies the capture's H.264 where it fits; `encode`: x264 always. */
  video?: VideoPreference;
  logger: Logger;
  now: () => number;
  /** Health changed (a state, a drop) or a second passed. */
  onChange: () => void;
  /** How often health is sampled and pushed: 1 s. */
  tickMs?: number;
  tuning?: Pick<DestinationStreamerOptions, 'backoffMs' | 'maxQueueBytes' | 'maxQueueMs' | 'stallMs' | 'stopTimeoutMs' | 'maxAttempts'>;
}>;

/**
 * One live stream: the capture's WebM slices split at cluster starts once, then handed to one
 * DestinationStreamer (one ffmpeg) per destination. Pushing never waits on any destination.
 */
export class StreamFanout {
  private readonly splitter = new WebmClusterSplitter();
  private readonly streamers: DestinationStreamer[];
  private readonly timer: ReturnType<typeof setInterval>;
  private stopped: Promise<void> | null = null;
  private bytesIn = 0;

  constructor(private readonly options: StreamFanoutOptions) {
    this.streamers = options.targets.map(
      (target) =>
        new DestinationStreamer({
          target,
          output: options.output,
          hasAudio: options.hasAudio,
          ffmpeg: options.ffmpeg,
          init: () => this.splitter.init,
          capture: () => this.splitter.video,
          video: options.video ?? 'auto',
          logger: options.logger,
          now: options.now,
          onChange: options.onChange,
          ...options.tuning,
        }),
    );
    for (const s of this.streamers) s.start();
    this.timer = setInterval(() => void this.tick(), options.tickMs ?? 1000);
  }

  /** Capture bytes received so far. */
  get received(): number {
    return this.bytesIn;
  }

  push(bytes: Uint8Array): void {
    if (this.stopped) return;
    this.bytesIn += bytes.byteLength;
    for (const piece of this.splitter.push(bytes)) for (const s of this.streamers) s.push(piece);
  }

  destination(id: string): DestinationStreamer | undefined {
    return this.streamers.find((s) => s.id === id);
  }

  health(): DestinationHealth[] {
    return this.streamers.map((s) => s.health());
  }

  /** Ends every destination cleanly (input closed, then killed after a timeout), all at once. */
  stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopped ??= Promise.all(this.streamers.map((s) => s.stop())).then(() => this.options.onChange());
    return this.stopped;
  }

  private async tick(): Promise<void> {
    await Promise.all(this.streamers.map((s) => s.tick()));
    if (!this.stopped) this.options.onChange();
  }
}
