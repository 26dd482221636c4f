import type { StreamOutput, StreamVideo } from '@shared/ipc/nouns/live-stream';
import { ROOM_FRAGMENT_MS } from '@shared/protocol/live-stream';
import { AAC_STEREO_OPTIONS } from '../media/export-plan';
import type { CaptureVideo } from './webm-blocks';

/** Output frame size of a preset in an orientation (portrait is TikTok LIVE's 9:16). */
export function frameSize(output: Pick<StreamOutput, 'orientation' | 'preset'>): { width: number; height: number } {
  const [long, short] = output.preset === '1080p30' ? [1920, 1080] : [1280, 720];
  return output.orientation === 'portrait' ? { width: short, height: long } : { width: long, height: short };
}

export const STREAM_FPS = 30;
/** Keyframes every 2 s (what Twitch, YouTube and TikTok ask for). */
export const KEYFRAME_S = 2;
/** The platform's own ingest (nginx-rtmp → HLS): a keyframe at each of its fragments. */
export const PLATFORM_KEYFRAME_S = ROOM_FRAGMENT_MS / 1000;

/** `rtmp://host/app` + key → `rtmp://host/app/key`; an SRT URL stays as it is (its key goes as `-srt_streamid`, see streamArgv). */
export function publishUrl(url: string, key: string): string {
  if (isSrt(url)) return url;
  return `${url.replace(/\/+$/, '')}/${key}`;
}

export function isSrt(url: string): boolean {
  return /^srt:\/\//i.test(url);
}

/** H.264 as Matroska names it: the codec RTMP/FLV and HLS carry. */
export const H264_CODEC_ID = 'V_MPEG4/ISO/AVC';

/**
 * How a destination's video is made: `copy` passes the capture's H.264 through untouched (no
 * decode, no x264: the CPU stays with the try-on), `encode` decodes and re-encodes with x264.
 */
export type VideoPlan = Readonly<StreamVideo>;
/** `auto`: copy where the capture allows it; `encode`: always x264 (to compare, or for a service that wants CFR). */
export type VideoPreference = 'auto' | 'encode';

/**
 * Copy when the capture is H.264 (Chromium's recorder makes it at the output's bitrate with
 * keyframes at the asked interval, see renderer/pages/live/stream-capture.ts) and its frame fits the
 * output: no larger than the preset and in its orientation. A 4:3 capture on a 16:9 output is sent
 * as 4:3 (the player letterboxes it as ffmpeg's pad would). VP8/VP9, a larger frame or the other
 * orientation are re-encoded.
 */
export function chooseVideo(capture: CaptureVideo | null, output: Pick<StreamOutput, 'orientation' | 'preset'>, preference: VideoPreference = 'auto'): VideoPlan {
  if (preference === 'encode') return { mode: 'encode', why: 'asked' };
  if (!capture || capture.width <= 0 || capture.height <= 0) return { mode: 'encode', why: 'unknown' };
  if (capture.codecId !== H264_CODEC_ID) return { mode: 'encode', why: 'codec' };
  const frame = frameSize(output);
  const portrait = capture.height > capture.width;
  if (portrait !== (output.orientation === 'portrait') || capture.width > frame.width || capture.height > frame.height) return { mode: 'encode', why: 'size' };
  return { mode: 'copy' };
}

export type StreamPlanInput = Readonly<{
  output: StreamOutput;
  /** Default: encode. */
  video?: VideoPlan;
  hasAudio: boolean;
  url: string;
  key: string;
  /** Seconds between keyframes (default KEYFRAME_S). */
  keyframeSeconds?: number;
}>;

/**
 * One destination's ffmpeg: WebM from stdin → either the capture's H.264 copied as it is (`copy`:
 * its frames, timestamps and keyframes) or scaled and padded to the output frame at a constant
 * 30 fps → x264 veryfast/zerolatency CBR with a keyframe every 2 s (or as asked); audio always to
 * AAC 128k → FLV (RTMP/RTMPS) or MPEG-TS (SRT, the key as its stream id). Health comes from `-progress pipe:1` on stdout, errors from stderr.
 */
export function streamArgv(plan: StreamPlanInput): string[] {
  const { width, height } = frameSize(plan.output);
  const kbps = plan.output.videoKbps;
  const gop = Math.round(STREAM_FPS * (plan.keyframeSeconds ?? KEYFRAME_S));
  const srt = isSrt(plan.url);
  const input = [
    // Small probe: the WebM header says everything; a big one would hold the stream back seconds.
    '-probesize',
    '65536',
    '-analyzeduration',
    '500000',
    '-fflags',
    '+genpts+nobuffer',
    '-f',
    'webm',
    '-i',
    'pipe:0',
  ];
  const silence = plan.hasAudio ? [] : ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
  const scale = `scale=${width}:${height}:force_original_aspect_ratio=decrease:flags=bilinear,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p`;
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'warning',
    '-progress',
    'pipe:1',
    '-stats_period',
    '1',
    ...input,
    ...silence,
    '-map',
    '0:v:0',
    '-map',
    plan.hasAudio ? '0:a:0' : '1:a:0',
    ...(plan.video?.mode === 'copy' ? ['-c:v', 'copy'] : x264(scale, gop, kbps)),
    ...AAC_STEREO_OPTIONS,
    ...(plan.hasAudio ? [] : ['-shortest']),
    // SRT's stream id goes as the protocol option, byte for byte: in the URL, ffmpeg 5.1 neither
    // percent-decodes it nor keeps a '+' or '&' (checked with its listener's "accept streamid" line).
    // (`-streamid` is the CLI's own option for muxer stream ids, hence the srt_ alias.)
    ...(srt ? ['-srt_streamid', plan.key, '-f', 'mpegts'] : ['-flvflags', 'no_duration_filesize', '-f', 'flv']),
    publishUrl(plan.url, plan.key),
  ];
}

function x264(scale: string, gop: number, kbps: number): string[] {
  return [
    '-vf',
    scale,
    '-fps_mode',
    'cfr',
    '-r',
    String(STREAM_FPS),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-profile:v',
    'high',
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    '-sc_threshold',
    '0',
    '-b:v',
    `${kbps}k`,
    '-minrate',
    `${kbps}k`,
    '-maxrate',
    `${kbps}k`,
    '-bufsize',
    `${kbps * 2}k`,
    '-x264-params',
    'nal-hrd=cbr:force-cfr=1',
  ];
}

/** Replaces every occurrence of the key (and its URL-encoded form) so logs and error lines never carry it. */
export function redact(text: string, key: string): string {
  if (!key) return text;
  let out = text.split(key).join('****');
  const encoded = encodeURIComponent(key);
  if (encoded !== key) out = out.split(encoded).join('****');
  return out;
}
