import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The import aliases (`@shared/…`, `@platform/…`, `@renderer/…`) are declared once, in
 * tsconfig.base.json's `paths`, which tsc and tsx read; Vite, vitest and electron-vite get the same
 * table from here (types: path-aliases.config.d.mts).
 */
export function pathAliases(root) {
  const base = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
  return Object.fromEntries(Object.entries(base.compilerOptions.paths).map(([alias, targets]) => [alias.replace(/\/\*$/, ''), path.join(root, String(targets[0]).replace(/\/\*$/, ''))]));
}
