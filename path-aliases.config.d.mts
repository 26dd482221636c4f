/** Alias prefix (`@shared`) → absolute folder, from tsconfig.base.json's `paths` under `root`. */
export function pathAliases(root: string): Record<string, string>;
