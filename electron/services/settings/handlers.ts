import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { SettingsView } from '@shared/ipc/nouns/settings';
import type { FfmpegTools } from '../ffmpeg/locate';
import type { SettingsService } from './settings-service';

/** The settings noun; the view adds the ffmpeg actually in use once the new settings applied. */
export function settingsHandlers(deps: Readonly<{ settings: SettingsService; tools: () => Promise<FfmpegTools | null> }>): Pick<HandlersOf<StudioContract>, 'settings'> {
  const view = async (): Promise<SettingsView> => {
    const t = await deps.tools();
    return { ...deps.settings.get(), ffmpeg: { path: t?.ffmpeg ?? null, source: t?.source ?? null, version: t?.version ?? null } };
  };
  return {
    settings: {
      get: () => view(),
      set: async (patch) => {
        await deps.settings.set(patch);
        return await view();
      },
    },
  };
}
