import { open, stat } from 'node:fs/promises';
import { sniffMedia, SNIFF_BYTES } from '@shared/domain/media-sniff';
import { IMAGE_POST_LIMITS, type MediaKind } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import { probeVideo } from '../../kernel/media/probe';
import { runMediaTool, type MediaLimits } from '../../kernel/media/run';

export interface ProbedMedia {
  readonly kind: MediaKind;
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
  readonly mimeType: string;
  readonly extension: string;
}

interface Tools {
  readonly ffprobe: string;
  readonly limits: MediaLimits;
}

/** ffprobe's decoder name for each image type we take: the bytes' signature and the decoder must agree. */
const DECODER_OF: Readonly<Record<string, string>> = { 'image/jpeg': 'mjpeg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Decides what an upload is: an image post when its first bytes are a JPEG, PNG or WebP signature
 * (then ffprobe decodes it whole: a truncated or corrupt picture is refused, and its size must be
 * within IMAGE_POST_LIMITS), otherwise a video that must pass the video probe. Throws the refusal.
 */
export async function probeMedia(tools: Tools, file: string, sizeBytes: number): Promise<ProbedMedia> {
  const sniffed = sniffMedia(await readHead(file));
  if (sniffed?.kind !== 'photo') {
    const probed = await probeVideo(tools.ffprobe, file, tools.limits);
    if (!probed.ok) throw new ApiError('not_a_video', `The upload is not a complete, playable video: ${probed.reason}`);
    return { kind: 'video', ...probed.video };
  }
  const limits = IMAGE_POST_LIMITS;
  const decoder = DECODER_OF[sniffed.mimeType];
  if (!decoder) throw new ApiError('not_a_video', `The upload is a ${sniffed.extension.toUpperCase()} image; posts take JPEG, PNG or WebP pictures (convert it first)`);
  if (sizeBytes > limits.maxBytes) throw new ApiError('not_a_video', `The image is ${mib(sizeBytes)}; an image post is at most ${mib(limits.maxBytes)}`);
  const run = await runMediaTool(tools.ffprobe, ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,codec_name,width,height,nb_read_frames', '-of', 'json', file], tools.limits);
  const problems = run.stderr.trim();
  if (!run.ok || problems) throw new ApiError('not_a_video', `The image cannot be read whole: ${firstLine(problems) || run.failure || 'ffprobe could not read it'}`);
  let stream: { codec_type?: string; codec_name?: string; width?: number; height?: number; nb_read_frames?: string } | undefined;
  try {
    stream = (JSON.parse(run.stdout) as { streams?: (typeof stream)[] }).streams?.find((s) => s?.codec_type === 'video');
  } catch {
    stream = undefined;
  }
  if (!stream || stream.codec_name !== decoder || !stream.width || !stream.height || Number(stream.nb_read_frames ?? 0) !== 1) {
    throw new ApiError('not_a_video', `The upload looks like a ${sniffed.extension.toUpperCase()} image but does not decode as one picture`);
  }
  const { width, height } = stream;
  if (Math.min(width, height) < limits.minSide || Math.max(width, height) > limits.maxSide) {
    throw new ApiError('not_a_video', `The image is ${width}×${height} pixels; each side must be ${limits.minSide} to ${limits.maxSide}`);
  }
  return { kind: 'image', durationMs: 0, width, height, mimeType: sniffed.mimeType, extension: sniffed.extension };
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const firstLine = (text: string): string => text.split('\n')[0]?.trim().slice(0, 200) ?? '';

/**
 * An image post's cover: the picture as a JPEG no wider than 720 px (no seek: an image demuxer has
 * one frame at time 0, and `-ss` would skip it). Resolves false when ffmpeg failed or wrote nothing.
 */
export async function imageCover(ffmpeg: string, input: string, output: string, limits: MediaLimits): Promise<boolean> {
  const args = ['-v', 'error', '-nostdin', '-threads', '2', '-y', '-i', input, '-frames:v', '1', '-vf', "scale='min(720,iw)':-2", '-q:v', '4', '-f', 'image2', output];
  if (!(await runMediaTool(ffmpeg, args, limits)).ok) return false;
  try {
    return (await stat(output)).size > 0;
  } catch {
    return false;
  }
}
