import { randomBytes } from 'node:crypto';
import { StudioFailure } from '@shared/ipc/result';
import {
  PLATFORM_DESTINATION,
  StreamStart,
  type DestinationHealth,
  type DestinationId,
  type DestinationInput,
  type DestinationView,
  type StreamId,
  type StreamOutput,
  type StreamStatus,
} from '@shared/ipc/nouns/live-stream';
import type { Ingest } from '@shared/protocol/live-stream';
import type { RoomId } from '@shared/protocol/rooms';
import type { FfmpegTools } from '../ffmpeg/locate';
import type { Logger } from '../logger';
import type { DestinationTarget } from './destination-streamer';
import type { DestinationsStore } from './destinations-store';
import { StreamFanout, type StreamFanoutOptions } from './stream-fanout';
import { PLATFORM_KEYFRAME_S, type VideoPreference } from './stream-plan';

export type LiveStreamServiceOptions = Readonly<{
  tools: () => Promise<FfmpegTools | null>;
  store: DestinationsStore;
  /** The room's ingest (RTMP URL + key) from the platform, with the studio's session. */
  ingest: (roomId: RoomId) => Promise<Ingest>;
  platformUrl: () => string | null;
  logger: Logger;
  now: () => number;
  onStatus: (status: StreamStatus) => void;
  tuning?: StreamFanoutOptions['tuning'];
  /** `auto` (default): H.264 captures are passed through where they fit; `encode`: always x264 (the benchmark compares both). */
  video?: VideoPreference;
}>;

type Running = { id: StreamId; startedAt: number; output: StreamOutput; fanout: StreamFanout; nextSeq: number; failed: DestinationHealth[] };

/**
 * The studio's live video: Start resolves the enabled destinations (the platform room's key fetched
 * now, custom keys decrypted now, none of them ever returned), then the Live page's WebM slices go
 * to a StreamFanout (one ffmpeg each) until Stop. Status is pushed once a second and at each change.
 */
export class LiveStreamService {
  private running: Running | null = null;
  private lastStatus: StreamStatus = { streamId: null, startedAt: null, output: null, destinations: [] };
  private readonly log: Logger;

  constructor(private readonly options: LiveStreamServiceOptions) {
    this.log = options.logger.child('live-stream');
  }

  settings(): Promise<{ destinations: DestinationView[]; output: StreamOutput }> {
    return this.options.store.views(this.options.platformUrl());
  }

  saveDestination(input: DestinationInput): Promise<DestinationView> {
    return this.options.store.save(input);
  }

  async removeDestination(id: DestinationId): Promise<null> {
    await this.options.store.remove(id);
    return null;
  }

  setEnabled(id: DestinationId, enabled: boolean): Promise<DestinationView> {
    return this.options.store.setEnabled(id, enabled, this.options.platformUrl());
  }

  setOutput(output: StreamOutput): Promise<StreamOutput> {
    return this.options.store.setOutput(output);
  }

  async revealRoomKey(roomId: RoomId): Promise<{ rtmpUrl: string; streamKey: string }> {
    const ingest = await this.options.ingest(roomId);
    return { rtmpUrl: ingest.rtmpUrl, streamKey: ingest.streamKey };
  }

  async start(input: StreamStart): Promise<StreamStatus> {
    const start = StreamStart.parse(input);
    if (this.running) throw new StudioFailure('conflict', { key: 'stream.alreadyRunning' });
    const tools = await this.options.tools();
    if (!tools) throw new StudioFailure('unavailable', { key: 'stream.needsFfmpeg' });
    const targets: DestinationTarget[] = [];
    const failed: DestinationHealth[] = [];
    let ingestFailure: StudioFailure | undefined;
    if (start.roomId && (await this.options.store.platformEnabled())) {
      try {
        const ingest = await this.options.ingest(start.roomId);
        // The platform's HLS fragments are cut at keyframes: one per fragment keeps its viewers closer to live.
        targets.push({ id: PLATFORM_DESTINATION, name: 'Anchor Live', url: ingest.rtmpUrl, key: ingest.streamKey, keyframeSeconds: PLATFORM_KEYFRAME_S });
      } catch (error) {
        // The custom destinations still go live; the room's row says why it did not.
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof StudioFailure) ingestFailure ??= error;
        this.log.warn('the room’s ingest could not be fetched', { reason });
        failed.push(failedHealth(PLATFORM_DESTINATION, 'Anchor Live', reason));
      }
    }
    targets.push(...(await this.options.store.enabledTargets()));
    if (targets.length === 0) {
      // The room's refusal keeps its key (so it is said in the user's language) under this code.
      if (ingestFailure) throw StudioFailure.of({ ...ingestFailure.toError(), code: 'unavailable' });
      if (failed[0]) throw new StudioFailure('unavailable', failed[0].reason ?? { key: 'stream.roomUnreachable' });
      throw new StudioFailure('invalid_input', { key: 'stream.noDestination' });
    }
    const id = `str_${randomBytes(8).toString('hex')}` as StreamId;
    const fanout = new StreamFanout({
      ffmpeg: tools.ffmpeg,
      targets,
      output: start.output,
      hasAudio: start.hasAudio,
      video: this.options.video ?? 'auto',
      logger: this.log,
      now: this.options.now,
      onChange: () => this.publish(),
      tuning: this.options.tuning,
    });
    this.running = { id, startedAt: this.options.now(), output: start.output, fanout, nextSeq: 0, failed };
    // The choice is remembered for next time.
    await this.options.store.setOutput(start.output).catch(() => {});
    this.log.info('stream started', { streamId: id, destinations: targets.map((t) => t.id), output: start.output });
    return this.publish();
  }

  /** One slice in MediaRecorder's order; a repeat (a resend after a lost answer) is acknowledged, not pushed twice. */
  chunk(streamId: StreamId, seq: number, bytes: Uint8Array): { accepted: boolean } {
    const r = this.running;
    if (!r || r.id !== streamId) return { accepted: false };
    if (seq < r.nextSeq) return { accepted: true };
    r.nextSeq = seq + 1;
    r.fanout.push(bytes);
    return { accepted: true };
  }

  async stop(): Promise<StreamStatus> {
    const r = this.running;
    if (!r) return this.lastStatus;
    await r.fanout.stop();
    const final = this.status();
    this.running = null;
    this.log.info('stream stopped', { streamId: r.id, bytes: r.fanout.received });
    this.lastStatus = { streamId: null, startedAt: null, output: r.output, destinations: final.destinations };
    this.options.onStatus(this.lastStatus);
    return this.lastStatus;
  }

  status(): StreamStatus {
    const r = this.running;
    if (!r) return this.lastStatus;
    return { streamId: r.id, startedAt: r.startedAt, output: r.output, destinations: [...r.failed, ...r.fanout.health()] };
  }

  /** The fan-out, for tests (a destination's ffmpeg pid). */
  get fanout(): StreamFanout | null {
    return this.running?.fanout ?? null;
  }

  close(): Promise<void> {
    return this.stop().then(() => {});
  }

  private publish(): StreamStatus {
    const status = this.status();
    this.options.onStatus(status);
    return status;
  }
}

function failedHealth(id: DestinationId, name: string, reason: string): DestinationHealth {
  return {
    id,
    name,
    state: 'failed',
    video: null,
    reason,
    kbps: null,
    fps: null,
    frames: 0,
    droppedFrames: 0,
    dupFrames: 0,
    droppedBytes: 0,
    speed: null,
    lagS: null,
    cpu: null,
    reconnects: 0,
    warnings: [],
  };
}
