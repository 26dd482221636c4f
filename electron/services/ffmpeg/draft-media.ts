import type { FfmpegTools } from './locate';
import { lastErrorLine, runTool } from './run-tool';

export interface MediaFacts {
  readonly width: number | null;
  readonly height: number | null;
  readonly durationMs: number | null;
}

/** Width, height and (for videos) duration, from ffprobe; ffmpeg's banner when ffprobe is missing. */
export async function probeMediaFacts(tools: FfmpegTools, file: string): Promise<MediaFacts> {
  if (tools.ffprobe) {
    const run = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file]);
    if (run.code !== 0) throw new Error(lastErrorLine(run.stderr));
    const json = JSON.parse(run.stdout) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
    const stream = json.streams?.[0];
    if (!stream?.width || !stream.height) throw new Error('no picture found in the file');
    const seconds = Number(json.format?.duration);
    return { width: stream.width, height: stream.height, durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null };
  }
  const run = await runTool(tools.ffmpeg, ['-hide_banner', '-i', file]);
  const size = /Video: .*?(\d{2,5})x(\d{2,5})/.exec(run.stderr);
  if (!size) throw new Error(lastErrorLine(run.stderr));
  const d = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(run.stderr);
  const durationMs = d ? Math.round(((Number(d[1]) * 60 + Number(d[2])) * 60 + Number(d[3])) * 1000) : null;
  return { width: Number(size[1]), height: Number(size[2]), durationMs };
}

/**
 * A JPEG thumbnail at most 480 px wide. Decoding the picture is also the check that an image or
 * video is not corrupt: a file that ffmpeg cannot decode is refused before it becomes a draft.
 */
export async function makeThumbnail(tools: FfmpegTools, input: string, output: string, atMs: number | null): Promise<void> {
  const seek = atMs && atMs > 0 ? ['-ss', (atMs / 1000).toFixed(3)] : [];
  const run = await runTool(tools.ffmpeg, ['-hide_banner', '-v', 'error', '-y', ...seek, '-i', input, '-frames:v', '1', '-vf', "scale='min(480,iw)':-2", '-q:v', '4', '-update', '1', output]);
  if (run.code !== 0) throw new Error(lastErrorLine(run.stderr));
}
