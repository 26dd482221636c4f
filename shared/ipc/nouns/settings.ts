import { z } from 'zod';
import { EncodeTiming } from '../../domain/recording/encode-timing';
import { EncoderSettings } from '../../domain/recording/encoder-settings';
import { RecordingHotkeys } from '../../domain/recording/hotkeys';
import { MAX_LENGTH_CHOICES_S } from '../../domain/recording/take';
import type { QualitySetting } from '../../domain/tryon/quality';
import { method, noun } from '../define';

/** One of the lengths the shooting page offers (seconds). */
export const MaxLengthSetting = z.number().refine((v) => (MAX_LENGTH_CHOICES_S as readonly number[]).includes(v), `a maximum length is one of ${MAX_LENGTH_CHOICES_S.join(', ')} seconds`);

/** 'system' follows the operating system's (or browser's) language. */
export const LanguageSetting = z.enum(['system', 'en', 'zh-CN']);
export type LanguageSetting = z.output<typeof LanguageSetting>;

/**
 * Hands-free expression triggers (issue 16 §5), each on or off: a held smile takes a photo, an open
 * mouth switches to the next shade, raised brows to the next item. Unknown keys are refused.
 */
export const ExpressionTriggerSettings = z.strictObject({ smile: z.boolean(), mouthOpen: z.boolean(), browsRaised: z.boolean() });
export type ExpressionTriggerSettings = z.output<typeof ExpressionTriggerSettings>;

/** Every trigger off: the default, and what a missing `expressionTriggers` means. */
export const EXPRESSION_TRIGGERS_OFF: ExpressionTriggerSettings = Object.freeze({ smile: false, mouthOpen: false, browsRaised: false });

/**
 * The try-on's rendering quality (issue 16 §6, shared/domain/tryon/quality.ts): Auto keeps High on a
 * GPU and drops to Fast on a software rasteriser when High would slow the camera; High and Fast are
 * the user's own choice.
 */
export const RenderingQualitySetting = z.enum(['auto', 'high', 'fast'], { error: 'rendering quality is auto, high or fast' }) satisfies z.ZodType<QualitySetting>;
export type RenderingQualitySetting = z.output<typeof RenderingQualitySetting>;

export const StudioSettings = z.object({
  encoder: EncoderSettings,
  maxLengthS: MaxLengthSetting,
  /** An ffmpeg binary chosen by the user; null = FFMPEG_PATH, then the best found (see ffmpeg/locate.ts). */
  ffmpegPath: z.string().min(1).max(1000).nullable(),
  language: LanguageSetting,
  /** Record/stop, pause/resume, take photo (shared/domain/recording/hotkeys.ts). */
  hotkeys: RecordingHotkeys,
  /** Export a mirrored camera view mirrored too; off by default, so text in the picture reads right. */
  exportMirrored: z.boolean(),
  /**
   * When a take becomes the platform MP4: while recording, after Stop, or Auto (by the machine's
   * cores, shared/domain/recording/encode-timing.ts). Optional: a missing value means Auto.
   */
  encodeTiming: EncodeTiming.optional(),
  /**
   * Hands-free triggers. Optional, and off by default (a missing value means all off): a creator who
   * talks and laughs on camera must not take photos or switch looks by surprise; each is turned on
   * in Settings → Hands-free.
   */
  expressionTriggers: ExpressionTriggerSettings.optional(),
  /** Settings → Rendering quality. Optional: a missing value means Auto (the default). */
  renderingQuality: RenderingQualitySetting.optional(),
});
export type StudioSettings = z.output<typeof StudioSettings>;

export const SettingsPatch = StudioSettings.partial();
export type SettingsPatch = z.output<typeof SettingsPatch>;

export const SettingsView = StudioSettings.extend({
  /** The ffmpeg actually in use after the settings were applied. */
  ffmpeg: z.object({ path: z.string().nullable(), source: z.string().nullable(), version: z.string().nullable() }),
});
export type SettingsView = z.output<typeof SettingsView>;

export const settings = noun({
  methods: {
    get: method(z.undefined(), SettingsView),
    /** Validated main-side; an ffmpeg path must answer `-version` as ffmpeg. */
    set: method(SettingsPatch, SettingsView),
  },
});
