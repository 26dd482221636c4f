import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { CatalogService } from './catalog-service';

/** The catalog noun. */
export function catalogHandlers(catalog: CatalogService): Pick<HandlersOf<StudioContract>, 'catalog'> {
  return {
    catalog: {
      list: () => catalog.list(),
      get: ({ id }) => catalog.get(id),
    },
  };
}
