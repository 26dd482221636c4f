import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { LookPresetsService } from './look-presets-service';

/** The lookPresets noun. */
export function lookPresetHandlers(presets: LookPresetsService): Pick<HandlersOf<StudioContract>, 'lookPresets'> {
  return {
    lookPresets: {
      list: () => presets.list(),
      save: (input) => presets.save(input),
      rename: ({ id, name }) => presets.rename(id, name),
      remove: ({ id }) => {
        presets.remove(id);
        return null;
      },
    },
  };
}
