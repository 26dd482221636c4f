import type Database from 'better-sqlite3';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from '@shared/domain/recording/encoder-settings';
import { DEFAULT_HOTKEYS } from '@shared/domain/recording/hotkeys';
import { DEFAULT_MAX_LENGTH_S } from '@shared/domain/recording/take';
import { EXPRESSION_TRIGGERS_OFF, StudioSettings, type SettingsPatch } from '@shared/ipc/nouns/settings';
import type { FailureText } from '@shared/ipc/failure-text';
import { StudioFailure } from '@shared/ipc/result';
import type { Logger } from '../logger';

export const DEFAULT_SETTINGS: StudioSettings = Object.freeze({
  encoder: DEFAULT_ENCODER_SETTINGS,
  maxLengthS: DEFAULT_MAX_LENGTH_S,
  ffmpegPath: null,
  language: 'system',
  hotkeys: DEFAULT_HOTKEYS,
  exportMirrored: false,
  encodeTiming: 'auto',
  expressionTriggers: EXPRESSION_TRIGGERS_OFF,
  renderingQuality: 'auto',
});

type Key = keyof StudioSettings;
const KEYS = Object.keys(DEFAULT_SETTINGS) as Key[];

export type SettingsServiceDeps = Readonly<{
  db: Database.Database;
  logger: Logger;
  now: () => number;
  /** Checks an ffmpeg path before it is stored (without blocking: it runs the binary); resolves why it does not work, or null. */
  checkFfmpeg: (path: string) => Promise<string | FailureText | null>;
  /** Told after a change, so cached tools are looked up again. */
  onChanged?: (settings: StudioSettings) => void;
}>;

/** Owns the settings table: one JSON value per key, each validated on the way in and out. */
export class SettingsService {
  private readonly read;
  private readonly write;
  private cache: StudioSettings | null = null;

  constructor(private readonly deps: SettingsServiceDeps) {
    this.read = deps.db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings');
    this.write = deps.db.prepare<[string, string, number]>(
      'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    );
  }

  get(): StudioSettings {
    if (this.cache) return this.cache;
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of this.read.all()) {
      if (!KEYS.includes(row.key as Key)) continue;
      const shape = StudioSettings.shape[row.key as Key];
      const parsed = shape.safeParse(JSON.parse(row.value_json));
      // A value an older or newer build wrote that no longer fits: the default, not a broken start.
      if (parsed.success) merged[row.key] = parsed.data;
      else this.deps.logger.warn('ignoring a stored setting that no longer fits', { key: row.key });
    }
    this.cache = StudioSettings.parse(merged);
    return this.cache;
  }

  encoder(): EncoderSettings {
    return this.get().encoder;
  }

  async set(patch: SettingsPatch): Promise<StudioSettings> {
    if (patch.ffmpegPath) {
      const problem = await this.deps.checkFfmpeg(patch.ffmpegPath);
      if (problem) throw new StudioFailure('invalid_input', problem);
    }
    const now = this.deps.now();
    this.deps.db.transaction(() => {
      for (const key of KEYS) {
        if (patch[key] === undefined) continue;
        this.write.run(key, JSON.stringify(patch[key]), now);
      }
    })();
    this.cache = null;
    const settings = this.get();
    this.deps.onChanged?.(settings);
    return settings;
  }
}
