import type { EncoderSettings } from '@shared/domain/recording/encoder-settings';
import type { MediaInfo } from './probe';

/** Platform MP4: constant 30 fps, at most 1080×1920 portrait or 1920×1080 landscape. */
export const EXPORT_FPS = 30;

/** The platform's audio, for the MP4 and for a live stream alike: AAC-LC 128 kb/s, 48 kHz, stereo. */
export const AAC_STEREO_OPTIONS: readonly string[] = ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'];
const LONG_EDGE = 1920;
const SHORT_EDGE = 1080;

export interface FfmpegInput {
  readonly options: readonly string[];
  readonly source: string;
}

/** One ffmpeg invocation as data, so fluent-ffmpeg and the benchmark's bare command share it. */
export interface FfmpegPlan {
  readonly inputs: readonly FfmpegInput[];
  readonly outputOptions: readonly string[];
  readonly output: string;
  /** Length of what will be written, for percent and ETA. */
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
}

export type ExportSource = Readonly<{ kind: 'video'; file: string; info: MediaInfo; flip?: boolean }> | Readonly<{ kind: 'still'; file: string; info: MediaInfo; seconds: number }>;

const even = (n: number): number => Math.max(2, 2 * Math.round(n / 2));

/**
 * Scales to fit the platform box for the picture's orientation, keeping the aspect ratio and never
 * upscaling (upscaling only makes the file bigger). Both sides even, as yuv420p requires.
 */
export function fitWithin(width: number, height: number): { width: number; height: number } {
  const portrait = height > width;
  const maxW = portrait ? SHORT_EDGE : LONG_EDGE;
  const maxH = portrait ? LONG_EDGE : SHORT_EDGE;
  const scale = Math.min(1, maxW / width, maxH / height);
  return { width: Math.min(maxW, even(width * scale)), height: Math.min(maxH, even(height * scale)) };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function planExport(source: ExportSource, output: string, encoder: EncoderSettings): FfmpegPlan {
  const { width, height } = fitWithin(source.info.width, source.info.height);
  const durationMs = source.kind === 'still' ? Math.round(source.seconds * 1000) : source.info.durationMs;
  const inputs: FfmpegInput[] =
    source.kind === 'still'
      ? // A still photo becomes a video by repeating its one composited frame at the export rate.
        [{ options: ['-loop', '1', '-framerate', String(EXPORT_FPS), '-t', seconds(durationMs)], source: source.file }]
      : [{ options: [], source: source.file }];
  const hasAudio = source.kind === 'video' && source.info.audioCodec !== null;
  // Platforms expect an AAC track; a silent one is added when the source has none.
  if (!hasAudio) inputs.push({ options: ['-f', 'lavfi', '-t', seconds(durationMs)], source: 'anullsrc=channel_layout=stereo:sample_rate=48000' });
  const filters = [
    source.kind === 'video' ? `fps=${EXPORT_FPS}` : null,
    source.kind === 'video' && source.flip ? 'hflip' : null,
    `scale=${width}:${height}:flags=bicubic`,
    'setsar=1',
    'format=yuv420p',
  ].filter((f): f is string => f !== null);
  const outputOptions = ['-map', '0:v:0', '-map', hasAudio ? '0:a:0' : '1:a:0', '-vf', filters.join(','), ...platformCodecOptions(encoder)];
  return { inputs, outputOptions, output, durationMs, width, height };
}

/** The platform MP4's codecs and container, shared by the export, the encode while recording and a thanks clip. */
export function platformCodecOptions(encoder: EncoderSettings): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    encoder.preset,
    '-crf',
    String(encoder.crf),
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(EXPORT_FPS),
    // A keyframe every 2 s (x264's default is 250 frames): players and our cover grabs seek without
    // decoding from the start, and platforms ask for this GOP length.
    '-g',
    String(EXPORT_FPS * 2),
    ...AAC_STEREO_OPTIONS,
    // Location and device tags from imported phone videos stay private.
    '-map_metadata',
    '-1',
    // moov before mdat: the platform can start playing before the whole file arrives.
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
  ];
}

/**
 * fitWithin as an ffmpeg expression pair: the encode while recording starts before the picture's
 * size is known (it arrives with the first chunk), so the scale filter works it out itself, with
 * the same rule and rounding (half away from zero, as Math.round for positive sizes).
 */
export function fitExpressions(): { width: string; height: string } {
  const maxW = `if(gt(ih,iw),${SHORT_EDGE},${LONG_EDGE})`;
  const maxH = `if(gt(ih,iw),${LONG_EDGE},${SHORT_EDGE})`;
  const scale = `min(1,min(${maxW}/iw,${maxH}/ih))`;
  const even = (n: string): string => `max(2,2*round(${n}/2))`;
  return { width: `min(${maxW},${even(`iw*${scale}`)})`, height: `min(${maxH},${even(`ih*${scale}`)})` };
}

/**
 * The encode while recording: MediaRecorder's WebM arrives on stdin as the take is shot and leaves
 * as the platform MP4 (the export's own filters and codecs). ffmpeg writes moov and moves it to the
 * front (+faststart) once stdin ends, which is all Stop has left to do. A take without sound comes
 * out without an audio track (`?`): planAddSilence gives it the export's silent one afterwards.
 */
export function planLiveEncode(output: string, encoder: EncoderSettings, flip: boolean): FfmpegPlan {
  const fit = fitExpressions();
  const filters = [`fps=${EXPORT_FPS}`, flip ? 'hflip' : null, `scale=w='${fit.width}':h='${fit.height}':flags=bicubic`, 'setsar=1', 'format=yuv420p'].filter((f): f is string => f !== null);
  return {
    inputs: [{ options: ['-f', 'matroska'], source: 'pipe:0' }],
    outputOptions: ['-map', '0:v:0', '-map', '0:a:0?', '-vf', filters.join(','), ...platformCodecOptions(encoder)],
    output,
    durationMs: 0,
    width: 0,
    height: 0,
  };
}

/** A silent AAC track of `durationMs` beside an already encoded picture (copied, not re-encoded). */
export function planAddSilence(input: string, output: string, durationMs: number): FfmpegPlan {
  return {
    inputs: [
      { options: [], source: input },
      { options: ['-f', 'lavfi', '-t', seconds(durationMs)], source: 'anullsrc=channel_layout=stereo:sample_rate=48000' },
    ],
    outputOptions: ['-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', ...AAC_STEREO_OPTIONS, '-map_metadata', '-1', '-movflags', '+faststart', '-f', 'mp4'],
    output,
    durationMs,
    width: 0,
    height: 0,
  };
}

/** The whole command line, as a user would type it after `ffmpeg`. */
export function planArgv(plan: FfmpegPlan): string[] {
  return ['-hide_banner', '-y', ...plan.inputs.flatMap((i) => [...i.options, '-i', i.source]), ...plan.outputOptions, plan.output];
}

/** Stream copy into a fresh container: gives MediaRecorder's WebM a duration and cues, and salvages a truncated one. */
export function planRemux(input: string, output: string, container: 'webm' | 'mp4', durationMs: number): FfmpegPlan {
  return {
    inputs: [{ options: ['-fflags', '+genpts+discardcorrupt'], source: input }],
    outputOptions: ['-map', '0', '-c', 'copy', '-f', container],
    output,
    durationMs,
    width: 0,
    height: 0,
  };
}

/** Where the poster and the three cover candidates are taken, in ms: early for the poster, then spread. */
export function frameTimes(durationMs: number): { poster: number; covers: [number, number, number] } {
  const last = Math.max(0, durationMs - 100);
  const at = (fraction: number): number => Math.min(last, Math.round(durationMs * fraction));
  return { poster: Math.min(last, Math.min(1000, Math.round(durationMs * 0.1))), covers: [at(0.2), at(0.5), at(0.8)] };
}

/** One ffmpeg run that writes several single-frame JPEGs, each from its own fast seek. */
export function planFrames(file: string, shots: readonly Readonly<{ atMs: number; output: string }>[], maxWidth: number | null): string[] {
  const scale = maxWidth ? ['-vf', `scale='min(${maxWidth},iw)':-2`] : [];
  return [
    '-hide_banner',
    '-v',
    'error',
    '-y',
    ...shots.flatMap((s) => ['-ss', seconds(s.atMs), '-i', file]),
    ...shots.flatMap((s, i) => ['-map', `${i}:v:0`, '-frames:v', '1', ...scale, '-q:v', '3', '-update', '1', s.output]),
  ];
}
