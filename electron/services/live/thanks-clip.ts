import { existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DraftStatus } from '@shared/domain/drafts';
import { THANKS_CLIP_MAX_BYTES, THANKS_CLIP_MAX_MS } from '@shared/ipc/nouns/live';
import { StudioFailure } from '@shared/ipc/result';
import type { FfmpegTools } from '../ffmpeg/locate';
import type { Logger } from '../logger';
import { EXPORT_FPS, platformCodecOptions, type FfmpegPlan } from '../media/export-plan';
import { runPlan } from '../media/fluent-run';
import { probe } from '../media/probe';

/** The postable clip, kept beside the take in its draft's folder: a retry after a failed upload sends it again without encoding. */
export const THANKS_CLIP_FILE = 'thanks-clip.mp4';
/**
 * The encode stops a little short of the platform's 15 s: AAC's last frame runs ~21 ms past the
 * cut, and the platform refuses anything ffprobe reads as longer than 15.000 s.
 */
export const THANKS_CLIP_ENCODE_MS = THANKS_CLIP_MAX_MS - 100;
/** A take stopped at its 15 s maximum can run a little over (MediaRecorder's last slice): up to this much over is trimmed, more is refused. */
export const THANKS_CLIP_TRIM_MS = 1_000;
/** A thanks is watched on a phone: 1280 px on the long edge is plenty and keeps 15 s to a few MiB. */
const CLIP_LONG_EDGE = 1280;

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * The platform's MP4 for a thanks clip: H.264 (yuv420p, 30 fps, at most 1280 px on the long edge,
 * both sides even) and the export's AAC, moov first so the sender's <video> starts before it has
 * it all, no metadata, cut at THANKS_CLIP_ENCODE_MS. A take without sound stays without.
 */
export function planThanksClip(input: string, output: string, durationMs: number): FfmpegPlan {
  const outMs = Math.min(durationMs, THANKS_CLIP_ENCODE_MS);
  const fit = `scale=w='min(${CLIP_LONG_EDGE},iw)':h='min(${CLIP_LONG_EDGE},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic`;
  return {
    inputs: [{ options: [], source: input }],
    outputOptions: [
      '-t',
      seconds(outMs),
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-vf',
      [`fps=${EXPORT_FPS}`, fit, 'setsar=1', 'format=yuv420p'].join(','),
      // A little smaller than an export (crf 26): a thanks is a glimpse on a phone.
      ...platformCodecOptions({ preset: 'veryfast', crf: 26 }),
    ],
    output,
    durationMs: outMs,
    width: 0,
    height: 0,
  };
}

/** What a thanks clip needs of its draft: where its take is and whether it is finished. */
export interface ClipDraft {
  readonly kind: 'photo' | 'video';
  readonly status: DraftStatus;
  /** The take's own file (MediaRecorder's WebM, remuxed). */
  readonly file: string;
  /** The draft's folder, where the postable clip is kept. */
  readonly dir: string;
}

export type ThanksClipsDeps = Readonly<{
  tools: () => Promise<FfmpegTools | null>;
  /** The draft by id; throws the drafts' not_found failure when there is none. */
  draft: (draftId: string) => ClipDraft;
  logger: Logger;
  /** Tests lower it to see the refusal. */
  maxBytes?: number;
}>;

export interface PreparedClip {
  readonly file: string;
  readonly sizeBytes: number;
  readonly durationMs: number;
}

/**
 * Makes a take recorded on the Live page postable as thanks media: checks its length, encodes it
 * once to the platform's MP4 beside the take, and checks what came out (length and size). The clip
 * is not queued behind exports: the streamer is waiting for it, live, and it is at most 15 s.
 */
export class ThanksClips {
  private readonly running = new Map<string, Promise<PreparedClip>>();

  constructor(private readonly deps: ThanksClipsDeps) {}

  /** The postable clip for `draftId` (made now, or the one made before); a second call while one runs shares it. */
  prepare(draftId: string): Promise<PreparedClip> {
    const running = this.running.get(draftId);
    if (running) return running;
    const made = this.make(draftId).finally(() => this.running.delete(draftId));
    this.running.set(draftId, made);
    return made;
  }

  private async make(draftId: string): Promise<PreparedClip> {
    const draft = this.deps.draft(draftId);
    if (draft.kind !== 'video' || (draft.status !== 'ready' && draft.status !== 'recovered')) throw new StudioFailure('conflict', { key: 'live.clipNotReady' });
    const tools = await this.deps.tools();
    if (!tools?.ffprobe) throw new StudioFailure('unavailable', { key: 'live.clipNeedsFfmpeg' });
    const output = path.join(draft.dir, THANKS_CLIP_FILE);
    if (!existsSync(output)) {
      const source = await probe(tools.ffprobe, draft.file).catch((error: unknown) => this.encodeFailed(error));
      if (source.durationMs > THANKS_CLIP_MAX_MS + THANKS_CLIP_TRIM_MS) throw tooLong(source.durationMs);
      const partial = `${output}.part`;
      try {
        await runPlan(tools.ffmpeg, planThanksClip(draft.file, partial, source.durationMs), { stallMs: 30_000, maxMs: 120_000, niceness: 0 }, new AbortController().signal, () => {});
        await rename(partial, output);
      } catch (error) {
        await rm(partial, { force: true });
        return this.encodeFailed(error);
      }
    }
    const made = await probe(tools.ffprobe, output).catch((error: unknown) => this.encodeFailed(error));
    if (made.durationMs > THANKS_CLIP_MAX_MS) throw tooLong(made.durationMs);
    const { size } = await stat(output);
    const maxBytes = this.deps.maxBytes ?? THANKS_CLIP_MAX_BYTES;
    if (size > maxBytes) throw new StudioFailure('invalid_input', { key: 'live.clipTooBig', params: { mib: mib(size), max: mib(maxBytes) } });
    return { file: output, sizeBytes: size, durationMs: made.durationMs };
  }

  private encodeFailed(error: unknown): never {
    this.deps.logger.warn('a thanks clip could not be made', { error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new StudioFailure('unsupported_media', { key: 'live.clipNotMade', params: { reason } });
  }
}

const tooLong = (ms: number): StudioFailure => new StudioFailure('invalid_input', { key: 'live.clipTooLong', params: { seconds: (ms / 1000).toFixed(1), max: THANKS_CLIP_MAX_MS / 1000 } });

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
