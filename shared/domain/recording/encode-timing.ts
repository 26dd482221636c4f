import { z } from 'zod';
import { EncoderSettings } from './encoder-settings';

/**
 * When a take becomes the platform MP4. `while-recording`: a low-priority ffmpeg encodes the chunks
 * as they arrive and Stop only finalises the file; `after-stop`: the export encodes the whole take
 * once it is asked for (the old path, ~3.5× real time); `auto` picks one of them per machine.
 */
export const EncodeTiming = z.enum(['auto', 'while-recording', 'after-stop']);
export type EncodeTiming = z.output<typeof EncodeTiming>;

/**
 * Auto encodes while recording only on machines with at least this many logical cores. Measured on
 * the 2-core CI machine (npm run bench -- recording): the x264 encode of a 30 fps take costs most of
 * a core while the try-on's tracker, compositing and the browser's own VP9 recorder already use the
 * rest, so there the old path stays the default and While recording is a choice the user makes.
 */
export const AUTO_MIN_CORES = 4;

export type ChosenTiming = Readonly<{ timing: 'while-recording' | 'after-stop'; reason: string }>;

export function chooseEncodeTiming(setting: EncodeTiming, machine: Readonly<{ cores: number; container: 'webm' | 'mp4' }>): ChosenTiming {
  // Only a WebM stream can be read while it grows (a fragmented MP4 would need its own demuxer set-up).
  if (machine.container !== 'webm') return { timing: 'after-stop', reason: 'only WebM takes are encoded while recording' };
  switch (setting) {
    case 'while-recording':
      return { timing: 'while-recording', reason: 'chosen in Settings' };
    case 'after-stop':
      return { timing: 'after-stop', reason: 'chosen in Settings' };
    case 'auto':
      return machine.cores >= AUTO_MIN_CORES
        ? { timing: 'while-recording', reason: `${machine.cores} cores (Auto encodes while recording from ${AUTO_MIN_CORES})` }
        : { timing: 'after-stop', reason: `${machine.cores} cores: too few to encode beside the try-on (Auto needs ${AUTO_MIN_CORES})` };
    default: {
      const never: never = setting;
      throw new Error(`unknown encode timing ${String(never)}`);
    }
  }
}

/** Written beside a take's pre-encoded MP4 once it is complete: what it was encoded with. */
export const PreparedExportNote = z.object({
  version: z.literal(1),
  encoder: EncoderSettings,
  /** The frames were flipped back (a mirrored take exported un-mirrored). */
  flip: z.boolean(),
});
export type PreparedExportNote = z.output<typeof PreparedExportNote>;

/** What ffprobe says about a candidate pre-encoded MP4 (and the take it stands for). */
export type PreparedFacts = Readonly<{
  videoCodec: string | null;
  profile: string | null;
  pixFmt: string | null;
  /** avg_frame_rate and r_frame_rate as ffprobe prints them, e.g. "30/1". */
  avgFrameRate: string | null;
  realFrameRate: string | null;
  audioCodec: string | null;
  sampleRate: string | null;
  channels: number | null;
  width: number;
  height: number;
  /** moov comes before mdat (+faststart). */
  faststart: boolean;
  durationMs: number;
}>;

export type PreparedCheck = Readonly<{ ok: true }> | Readonly<{ ok: false; reason: string }>;

/** How far the pre-encoded MP4's length may differ from the take's: a frame and an audio packet either side. */
export const PREPARED_DURATION_SLACK_MS = 120;

/**
 * Whether a pre-encoded MP4 may stand in for the export: the export's own format (H.264 High
 * yuv420p, 30 fps constant, AAC 48 kHz stereo, faststart), the size the export would choose, the
 * take's length, and the settings the export would use now. Anything else re-encodes the old way.
 */
export function checkPreparedExport(
  facts: PreparedFacts,
  expected: Readonly<{ width: number; height: number; durationMs: number; encoder: EncoderSettings; flip: boolean }>,
  note: PreparedExportNote,
): PreparedCheck {
  const fail = (reason: string): PreparedCheck => ({ ok: false, reason });
  if (note.encoder.preset !== expected.encoder.preset || note.encoder.crf !== expected.encoder.crf) return fail('encoded with other encoder settings');
  if (note.flip !== expected.flip) return fail('encoded with the other mirroring');
  if (facts.videoCodec !== 'h264' || facts.profile !== 'High' || facts.pixFmt !== 'yuv420p')
    return fail(`picture is ${facts.videoCodec ?? 'missing'} ${facts.profile ?? ''} ${facts.pixFmt ?? ''}`.trim());
  if (facts.avgFrameRate !== '30/1' || facts.realFrameRate !== '30/1') return fail(`frame rate ${facts.avgFrameRate ?? '?'} is not a constant 30 fps`);
  if (facts.audioCodec !== 'aac' || facts.sampleRate !== '48000' || facts.channels !== 2) return fail('sound is not AAC 48 kHz stereo');
  if (facts.width !== expected.width || facts.height !== expected.height) return fail(`size ${facts.width}×${facts.height}, the export would be ${expected.width}×${expected.height}`);
  if (!facts.faststart) return fail('moov is not before mdat');
  if (Math.abs(facts.durationMs - expected.durationMs) > PREPARED_DURATION_SLACK_MS) return fail(`lasts ${facts.durationMs} ms, the take ${expected.durationMs} ms`);
  return { ok: true };
}
