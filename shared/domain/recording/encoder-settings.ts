import { z } from 'zod';

/**
 * x264 presets a user may pick in Settings; slower ones give smaller files at the same quality.
 * `ultrafast` is left out: it turns off CABAC and 8×8 transforms, so x264 writes Constrained
 * Baseline whatever profile is asked for, and platforms want High.
 */
export const X264Preset = z.enum(['superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow']);
export type X264Preset = z.output<typeof X264Preset>;

/**
 * Export quality as x264 CRF. The range is narrower than x264's 0–51 on purpose: below 16 files
 * balloon for no visible gain on phone screens, above 32 faces and lips smear.
 */
export const EXPORT_CRF_MIN = 16;
export const EXPORT_CRF_MAX = 32;

export const EncoderSettings = z.object({
  preset: X264Preset,
  crf: z.number().int().min(EXPORT_CRF_MIN).max(EXPORT_CRF_MAX),
});
export type EncoderSettings = z.output<typeof EncoderSettings>;

/** veryfast/23 encodes 720p30 at several times real time on two cores (FACTS.md) at a good size. */
export const DEFAULT_ENCODER_SETTINGS: EncoderSettings = Object.freeze({ preset: 'veryfast', crf: 23 });
