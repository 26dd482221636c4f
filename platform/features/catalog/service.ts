import type { CatalogRepository } from './repository';

/** What other features may ask of the catalog: look items up (read-only). */
export type CatalogLookup = Pick<CatalogRepository, 'byId' | 'byIds'>;
