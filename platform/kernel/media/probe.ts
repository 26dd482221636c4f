import { runMediaTool, type MediaLimits } from './run';

export interface ProbedVideo {
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
  readonly mimeType: string;
  readonly extension: string;
}

export type ProbeResult = { readonly ok: true; readonly video: ProbedVideo } | { readonly ok: false; readonly reason: string };

const CONTAINERS: readonly { readonly match: RegExp; readonly mimeType: string; readonly extension: string }[] = [
  { match: /^mov,mp4/, mimeType: 'video/mp4', extension: 'mp4' },
  { match: /^matroska,webm/, mimeType: 'video/webm', extension: 'webm' },
];

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; width?: number; height?: number; duration?: string; nb_read_packets?: string }[];
}

/**
 * Decides whether a file is a complete, playable video. `-count_packets` makes ffprobe demux the
 * whole file, so a truncated one shows up as demuxer errors ("partial file", "moov atom not found")
 * on stderr even when its header looks fine; any such error is a refusal.
 */
export async function probeVideo(ffprobe: string, file: string, limits: MediaLimits): Promise<ProbeResult> {
  const args = ['-v', 'error', '-count_packets', '-show_entries', 'format=format_name,duration:stream=codec_type,width,height,duration,nb_read_packets', '-of', 'json', file];
  const run = await runMediaTool(ffprobe, args, limits);
  const problems = run.stderr.trim();
  if (!run.ok || problems) return { ok: false, reason: (run.failure?.startsWith('it took') ? run.failure : firstLine(problems)) || 'ffprobe could not read it' };
  let parsed: FfprobeJson;
  try {
    parsed = JSON.parse(run.stdout) as FfprobeJson;
  } catch {
    return { ok: false, reason: 'ffprobe gave no readable answer' };
  }
  const container = CONTAINERS.find((c) => c.match.test(parsed.format?.format_name ?? ''));
  const stream = parsed.streams?.find((s) => s.codec_type === 'video' && Number(s.nb_read_packets ?? 0) > 1);
  if (!container || !stream?.width || !stream.height) return { ok: false, reason: 'it is not an MP4 or WebM file with moving pictures' };
  const seconds = Number(parsed.format?.duration ?? stream.duration ?? NaN);
  if (!Number.isFinite(seconds) || seconds <= 0) return { ok: false, reason: 'it has no duration (remux it before posting)' };
  return { ok: true, video: { durationMs: Math.round(seconds * 1000), width: stream.width, height: stream.height, mimeType: container.mimeType, extension: container.extension } };
}

const firstLine = (text: string): string => text.split('\n')[0]?.trim().slice(0, 200) ?? '';
