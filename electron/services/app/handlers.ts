import type { HandlersOf } from '@shared/ipc/define';
import type { AppInfo, StudioContract } from '@shared/ipc/contract';
import type { Diagnostics } from '@shared/ipc/nouns/diagnostics';
import type { NoticesService } from '../notices-service';

export type AppHandlerDeps = Readonly<{
  info: () => Promise<AppInfo>;
  diagnostics: () => Promise<Diagnostics>;
  notices: NoticesService;
}>;

/** The app and diagnostics nouns. */
export function appHandlers(deps: AppHandlerDeps): Pick<HandlersOf<StudioContract>, 'app' | 'diagnostics'> {
  return {
    app: {
      info: () => deps.info(),
      notices: () => deps.notices.list(),
      dismissNotice: ({ id }) => {
        deps.notices.dismiss(id);
        return null;
      },
    },
    diagnostics: {
      get: () => deps.diagnostics(),
    },
  };
}
