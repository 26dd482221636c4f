import { stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from './media-error';
import { runTool } from './run-ffmpeg';

export interface MediaInfo {
  /** Container duration, or (when the container has none, as MediaRecorder's WebM) the last packet's end. */
  readonly durationMs: number;
  /** The picture's own length, when the container says (it can end before the sound). */
  readonly videoDurationMs: number | null;
  /** Display size: rotation metadata already applied, as ffmpeg's autorotate will show it. */
  readonly width: number;
  readonly height: number;
  readonly fps: number | null;
  readonly videoCodec: string;
  readonly audioCodec: string | null;
  readonly formatName: string;
  /** A still image (PNG, JPEG …) rather than a moving picture. */
  readonly isStill: boolean;
}

interface ProbeJson {
  streams?: {
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    avg_frame_rate?: string;
    r_frame_rate?: string;
    duration?: string;
    nb_frames?: string;
    tags?: { rotate?: string };
    side_data_list?: { rotation?: number }[];
  }[];
  format?: { format_name?: string; duration?: string };
}

const STILL_FORMATS = /(^|,)(image2|png_pipe|jpeg_pipe|webp_pipe|bmp_pipe|gif|tiff_pipe)(,|$)/;

/**
 * Reads what an export needs to know about a file. Anything ffprobe cannot read, or a file without
 * a picture, is a `corrupt-input` error that names the file, so the user knows which one is bad.
 */
export async function probe(ffprobe: string, file: string, timeoutMs = 15_000): Promise<MediaInfo> {
  try {
    await stat(file);
  } catch {
    throw new MediaError('io', { key: 'media.unreadable', params: { file: path.basename(file) } });
  }
  let json: ProbeJson;
  try {
    const out = await runTool(
      ffprobe,
      [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,duration,nb_frames:stream_tags=rotate:stream_side_data=rotation:format=format_name,duration',
        '-of',
        'json',
        file,
      ],
      timeoutMs,
    );
    json = JSON.parse(out.stdout) as ProbeJson;
  } catch (error) {
    if (error instanceof MediaError && error.code === 'ffmpeg-failed') throw new MediaError('corrupt-input', { key: 'media.notMedia', params: { file: path.basename(file), reason: error.message } });
    throw error;
  }
  const video = json.streams?.find((s) => s.codec_type === 'video' && (s.width ?? 0) > 0);
  if (!video?.width || !video.height) throw new MediaError('corrupt-input', { key: 'media.noPicture', params: { file: path.basename(file) } });
  const audio = json.streams?.find((s) => s.codec_type === 'audio');
  const formatName = json.format?.format_name ?? '';
  const isStill = STILL_FORMATS.test(formatName);
  const rotation = Math.abs(video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? Number(video.tags?.rotate ?? 0)) % 180;
  const [width, height] = rotation === 90 ? [video.height, video.width] : [video.width, video.height];
  let durationMs = isStill ? 0 : (secondsToMs(json.format?.duration) ?? secondsToMs(video.duration));
  if (durationMs === null) durationMs = await durationFromPackets(ffprobe, file, timeoutMs);
  const videoDurationMs = isStill ? 0 : secondsToMs(video.duration);
  return {
    durationMs,
    videoDurationMs,
    width,
    height,
    fps: rate(video.avg_frame_rate) ?? rate(video.r_frame_rate),
    videoCodec: video.codec_name ?? 'unknown',
    audioCodec: audio?.codec_name ?? null,
    formatName,
    isStill,
  };
}

function secondsToMs(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : null;
}

function rate(value: string | undefined): number | null {
  const [num, den] = (value ?? '').split('/').map(Number);
  return num && den ? num / den : null;
}

/** WebM straight from MediaRecorder carries no duration; the packets' own timestamps do. */
async function durationFromPackets(ffprobe: string, file: string, timeoutMs: number): Promise<number> {
  const out = await runTool(ffprobe, ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file], timeoutMs);
  let end = 0;
  for (const line of out.stdout.split('\n')) {
    const [pts, dur] = line.split(',').map(Number);
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(end, pts + (dur !== undefined && Number.isFinite(dur) ? dur : 0));
  }
  if (end <= 0) throw new MediaError('corrupt-input', { key: 'media.noFrames', params: { file: path.basename(file) } });
  return Math.round(end * 1000);
}
