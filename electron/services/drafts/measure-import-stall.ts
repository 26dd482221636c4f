/**
 * How long the main process stops answering while a large file is imported during an export.
 * `npx tsx electron/services/drafts/measure-import-stall.ts [sizeMiB]` (default 1024): composes the
 * studio's services in a temporary data dir, starts an export of a 720p take, imports a large file
 * through the contract (drafts.importViaDialog), and meanwhile calls app.notices every 5 ms,
 * reporting the longest round trip and the event loop's longest delay during the import.
 */
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { composeStudio } from '../compose';
import { createMemoryLogger } from '../logger';
import { makeRecorderWebm, requireTools } from '../media/test-inputs';

async function main(): Promise<void> {
  const sizeMiB = Number(process.argv[2] ?? 1024);
  const root = mkdtempSync(path.join(os.tmpdir(), 'import-stall-'));
  try {
    const tools = requireTools();
    const take = makeRecorderWebm(tools, path.join(root, 'take.webm'), { width: 1280, height: 720, seconds: 20, codec: 'vp8' });
    // A large "video": the take followed by padding (the import copies it before decoding it).
    const big = path.join(root, 'big.webm');
    writeFileSync(big, readFileSync(take));
    const fd = openSync(big, 'a');
    const block = Buffer.alloc(4 * 1024 * 1024, 7);
    for (let i = 0; i < sizeMiB / 4; i++) writeSync(fd, block);
    closeSync(fd);

    let pick = take;
    const services = composeStudio({ dataDir: path.join(root, 'data'), host: 'browser', version: 'bench', logger: createMemoryLogger(), pickMediaFile: async () => pick });
    const imported = await services.dispatch('drafts.importViaDialog', undefined);
    if (!imported.ok) throw new Error(imported.error.message);
    const draftId = (imported.value as { id: string }).id;
    const exported = await services.dispatch('media.export', { draftId });
    if (!exported.ok) throw new Error(exported.error.message);

    pick = big;
    let importing = true;
    let longestCall = 0;
    let calls = 0;
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    const pinger = (async () => {
      while (importing) {
        const t0 = performance.now();
        await services.dispatch('app.notices', undefined);
        longestCall = Math.max(longestCall, performance.now() - t0);
        calls++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    histogram.enable();
    const t0 = performance.now();
    const result = await services.dispatch('drafts.importViaDialog', undefined);
    const importMs = performance.now() - t0;
    importing = false;
    histogram.disable();
    await pinger;
    const queue = await services.dispatch('media.queue', undefined);
    process.stdout.write(
      `import of ${sizeMiB} MiB during an export: ${importMs.toFixed(0)} ms (${result.ok ? 'imported' : `refused: ${result.error.code}`}); ` +
        `export still ${queue.ok && (queue.value as unknown[]).length > 0 ? 'running' : 'done'}\n` +
        `longest app.notices round trip: ${longestCall.toFixed(0)} ms over ${calls} calls; event loop max delay ${(histogram.max / 1e6).toFixed(0)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms\n`,
    );
    services.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
