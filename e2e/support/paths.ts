import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The team's test faces live beside the repository, in ../shared/faces. */
export const facesDir = path.resolve(repoRoot, '..', 'shared', 'faces');
export const testOutput = (...parts: string[]): string => {
  const dir = path.join(repoRoot, 'test-output', ...parts.slice(0, -1));
  mkdirSync(dir, { recursive: true });
  return path.join(dir, parts.at(-1)!);
};
