import { readFileSync } from 'node:fs';
import { Catalog, type CatalogItem, type UserId } from '@shared/protocol/index';
import { hashPassword, type ScryptCost } from '../features/accounts/password';
import type { UsersRepository } from '../features/accounts/users-repository';
import type { CatalogRepository } from '../features/catalog/repository';
import { newId } from '../kernel/ids';

export interface DemoViewer {
  readonly handle: string;
  readonly displayName: string;
  readonly password: string;
}

export interface SeedData {
  readonly items: readonly CatalogItem[];
  readonly viewers: readonly DemoViewer[];
}

/** Demo viewer accounts for trying the platform locally; the passwords are public on purpose. */
export const DEMO_VIEWERS: readonly DemoViewer[] = [
  { handle: 'viewer_ana', displayName: 'Ana (demo viewer)', password: 'demo-viewer-pass' },
  { handle: 'viewer_ben', displayName: 'Ben (demo viewer)', password: 'demo-viewer-pass' },
  { handle: 'viewer_chi', displayName: 'Chi (demo viewer)', password: 'demo-viewer-pass' },
];

/**
 * The studio's catalog (`resources/catalog/catalog.json`, validated with the studio's own schema).
 * A missing or invalid file starts the platform with an empty catalog and says why, rather than
 * refusing to start.
 */
export function loadCatalog(file: string, warn: (message: string) => void): readonly CatalogItem[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    warn(`catalog ${file} could not be read (${error instanceof Error ? error.message : String(error)}): starting with an empty catalog`);
    return [];
  }
  const parsed = Catalog.safeParse(json);
  if (!parsed.success) {
    warn(`catalog ${file} does not match the schema (${parsed.error.issues[0]?.message ?? ''}): starting with an empty catalog`);
    return [];
  }
  return parsed.data.items;
}

/** Idempotent: items are upserted, viewers created only when their handle is free. */
export async function applySeed(seed: SeedData, items: CatalogRepository, users: UsersRepository, now: () => number, cost: ScryptCost): Promise<void> {
  await items.upsertAll(seed.items);
  for (const viewer of seed.viewers) {
    if (await users.byHandle(viewer.handle)) continue;
    await users.insert({ id: newId('usr') as UserId, handle: viewer.handle, display_name: viewer.displayName, password_hash: await hashPassword(viewer.password, cost), created_at: now() });
  }
}
