import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { createMemoryLogger } from '../logger';
import { SettingsPatch } from '@shared/ipc/nouns/settings';
import { DEFAULT_SETTINGS, SettingsService } from './settings-service';

function service(checked: string[] = []): { settings: SettingsService; db: Database.Database } {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const settings = new SettingsService({
    db,
    logger: createMemoryLogger(),
    now: () => 1,
    checkFfmpeg: async (file) => {
      checked.push(file);
      return file.endsWith('ffmpeg') ? null : `${file} is not ffmpeg`;
    },
  });
  return { settings, db };
}

describe('SettingsService', () => {
  it('starts from the defaults: system language, Alt+R/P/T hotkeys, un-mirrored export', () => {
    expect(service().settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ language: 'system', hotkeys: { recordStop: 'Alt+R', pause: 'Alt+P', photo: 'Alt+T' }, exportMirrored: false });
  });

  it('stores language, hotkeys and export mirroring, read back by a fresh service over the same database', async () => {
    const { settings, db } = service();
    await settings.set({ language: 'zh-CN', hotkeys: { recordStop: 'F9', pause: null, photo: 'Ctrl+Shift+P' }, exportMirrored: true });
    const again = new SettingsService({ db, logger: createMemoryLogger(), now: () => 2, checkFfmpeg: async () => null });
    expect(again.get()).toMatchObject({ language: 'zh-CN', hotkeys: { recordStop: 'F9', pause: null, photo: 'Ctrl+Shift+P' }, exportMirrored: true });
  });

  it('keeps the hands-free triggers off by default, stores each switch, and refuses a malformed value', async () => {
    const { settings, db } = service();
    expect(settings.get().expressionTriggers).toEqual({ smile: false, mouthOpen: false, browsRaised: false });
    await settings.set({ expressionTriggers: { smile: true, mouthOpen: false, browsRaised: true } });
    const again = new SettingsService({ db, logger: createMemoryLogger(), now: () => 2, checkFfmpeg: async () => null });
    expect(again.get().expressionTriggers).toEqual({ smile: true, mouthOpen: false, browsRaised: true });
    expect(SettingsPatch.safeParse({ expressionTriggers: { smile: 'yes', mouthOpen: false, browsRaised: false } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ expressionTriggers: { smile: true, mouthOpen: false, browsRaised: false, wink: true } }).success).toBe(false);
    // A row an older build wrote in another shape falls back to all off, not a broken start.
    db.prepare("UPDATE settings SET value_json = '{\"smile\":true}' WHERE key = 'expressionTriggers'").run();
    const fresh = new SettingsService({ db, logger: createMemoryLogger(), now: () => 3, checkFfmpeg: async () => null });
    expect(fresh.get().expressionTriggers).toEqual({ smile: false, mouthOpen: false, browsRaised: false });
  });

  it('keeps rendering quality on Auto by default, stores High or Fast, and refuses any other value', async () => {
    const { settings, db } = service();
    expect(settings.get().renderingQuality).toBe('auto');
    await settings.set({ renderingQuality: 'fast' });
    const again = new SettingsService({ db, logger: createMemoryLogger(), now: () => 2, checkFfmpeg: async () => null });
    expect(again.get().renderingQuality).toBe('fast');
    await again.set({ renderingQuality: 'high' });
    expect(again.get().renderingQuality).toBe('high');
    // The noun refuses a bad value at the boundary, with a sentence; nothing stored changes.
    const refused = SettingsPatch.safeParse({ renderingQuality: 'ultra' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('rendering quality is auto, high or fast');
    expect(SettingsPatch.safeParse({ renderingQuality: null }).success).toBe(false);
    expect(again.get().renderingQuality).toBe('high');
    // A row another build wrote that no longer fits reads as Auto, not a broken start.
    db.prepare("UPDATE settings SET value_json = '\"medium\"' WHERE key = 'renderingQuality'").run();
    const fresh = new SettingsService({ db, logger: createMemoryLogger(), now: () => 3, checkFfmpeg: async () => null });
    expect(fresh.get().renderingQuality).toBe('auto');
  });

  it('refuses an ffmpeg path the check rejects, keeping the previous value', async () => {
    const checked: string[] = [];
    const { settings } = service(checked);
    await expect(settings.set({ ffmpegPath: '/bin/bash' })).rejects.toMatchObject({ code: 'invalid_input', message: '/bin/bash is not ffmpeg' });
    expect(settings.get().ffmpegPath).toBeNull();
    await settings.set({ ffmpegPath: '/opt/ffmpeg' });
    expect(settings.get().ffmpegPath).toBe('/opt/ffmpeg');
    expect(checked).toEqual(['/bin/bash', '/opt/ffmpeg']);
  });

  it('falls back to the default for a stored value that no longer fits', () => {
    const { db } = service();
    db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (\'language\', \'"fr"\', 1), (\'hotkeys\', \'{"recordStop":"Alt+R","pause":"Alt+R","photo":null}\', 1)').run();
    const fresh = new SettingsService({ db, logger: createMemoryLogger(), now: () => 2, checkFfmpeg: async () => null });
    expect(fresh.get()).toMatchObject({ language: 'system', hotkeys: DEFAULT_SETTINGS.hotkeys });
  });
});
