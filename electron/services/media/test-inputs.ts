import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { locateFfmpegSync as locateFfmpeg, type FfmpegTools } from '../ffmpeg/locate';

/**
 * Generated inputs for the media and recording tests and the benchmark: ffmpeg's own test patterns,
 * encoded the way a browser's MediaRecorder writes them (WebM, VP8/VP9 + Opus, `-live 1` so the
 * container carries no duration and no cues).
 */
export function requireTools(): FfmpegTools {
  const tools = locateFfmpeg();
  if (!tools?.ffprobe) throw new Error('These tests need ffmpeg and ffprobe: apt-get install ffmpeg, or npm ci for the bundled ones');
  return tools;
}

export type RecorderLike = Readonly<{
  width: number;
  height: number;
  seconds: number;
  codec?: 'vp8' | 'vp9';
  audio?: boolean;
  fps?: number;
}>;

export function makeRecorderWebm(tools: FfmpegTools, file: string, o: RecorderLike): string {
  const fps = o.fps ?? 30;
  const video = o.codec === 'vp9' ? ['-c:v', 'libvpx-vp9', '-row-mt', '1'] : ['-c:v', 'libvpx'];
  const audio = o.audio === false ? ['-an'] : ['-c:a', 'libopus', '-b:a', '64k'];
  const audioIn = o.audio === false ? [] : ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${o.seconds}`];
  execFileSync(tools.ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${o.width}x${o.height}:rate=${fps}:duration=${o.seconds}`,
    ...audioIn,
    ...video,
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '1M',
    '-g',
    String(fps),
    ...audio,
    '-live',
    '1',
    '-f',
    'webm',
    file,
  ]);
  return file;
}

/** Fragmented MP4 (H.264 + AAC), as Chromium's MediaRecorder writes for `video/mp4`. */
export function makeRecorderMp4(tools: FfmpegTools, file: string, o: Readonly<{ width: number; height: number; seconds: number }>): string {
  execFileSync(tools.ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${o.width}x${o.height}:rate=30:duration=${o.seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=48000:duration=${o.seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'superfast',
    '-g',
    '30',
    '-c:a',
    'aac',
    '-movflags',
    'frag_keyframe+empty_moov+default_base_moof',
    '-f',
    'mp4',
    file,
  ]);
  return file;
}

/** A still picture (PNG) the size of a composited try-on frame. */
export function makeStill(tools: FfmpegTools, file: string, width: number, height: number): string {
  execFileSync(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=1`, '-frames:v', '1', file]);
  return file;
}

export interface ProbedStream {
  codec_name?: string;
  codec_type?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  nb_frames?: string;
}

export function ffprobeJson(tools: FfmpegTools, file: string): { streams: ProbedStream[]; format: { duration?: string; format_name?: string } } {
  const out = execFileSync(tools.ffprobe!, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' });
  return JSON.parse(out) as { streams: ProbedStream[]; format: { duration?: string } };
}

/** Top-level MP4 boxes in file order, to check `+faststart` put moov before mdat. */
export function topLevelBoxes(file: string): string[] {
  const data = readFileSync(file);
  const boxes: string[] = [];
  let offset = 0;
  while (offset + 8 <= data.length) {
    let size = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (size === 1) size = Number(data.readBigUInt64BE(offset + 8));
    if (size === 0) size = data.length - offset;
    if (size < 8) break;
    boxes.push(type);
    offset += size;
  }
  return boxes;
}

/** Seconds of media actually decodable: the end of the last video packet. */
export function decodableSeconds(tools: FfmpegTools, file: string): number {
  const out = execFileSync(tools.ffprobe!, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  let end = 0;
  for (const line of out.split('\n')) {
    const [pts, dur] = line.split(',').map(Number);
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(end, pts + (dur !== undefined && Number.isFinite(dur) ? dur : 0));
  }
  return end;
}

export const isJpeg = (file: string): boolean => {
  const head = readFileSync(file).subarray(0, 3);
  return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
};
