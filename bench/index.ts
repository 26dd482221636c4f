import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench [-- part …]`: runs each part's benchmark in one process, one after the other, so
 * figures printed side by side come from the same machine state. Each part prints its own figures
 * and ratios against its baseline.
 */
const PARTS = ['studio', 'tryon', 'media', 'recording', 'upload', 'platform', 'gifts', 'live'] as const;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const parts = wanted.length > 0 ? PARTS.filter((p) => wanted.includes(p)) : PARTS;
  for (const part of parts) {
    const file = path.join(__dirname, `${part}.ts`);
    if (!existsSync(file)) continue;
    console.log(`\n=== bench: ${part} ===`);
    const mod = (await import(file)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
