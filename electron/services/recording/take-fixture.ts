/**
 * A stand-in for the app during a take, run as its own process by the recording tests so that it
 * can be killed (SIGKILL) or starved of disk (ulimit -f) like the real thing:
 *
 *   node --import tsx take-fixture.ts <crash|fill> <draftDir> <source.webm> <chunks> <intervalMs>
 *
 * It feeds the source file to a RecordingSession in `chunks` slices, as MediaRecorder's
 * ondataavailable would, with journal events between them, and prints `ack <bytes>` after each
 * slice is accepted. `fill` prints `failed <bytesKept> <message>` when the disk refuses a write.
 */
import { readFileSync } from 'node:fs';
import { createLogger } from '../logger';
import { RecordingService } from './recording-service';

async function main(): Promise<void> {
  const [mode, dir, source, chunksArg, intervalArg] = process.argv.slice(2);
  if ((mode !== 'crash' && mode !== 'fill') || !dir || !source) throw new Error('usage: take-fixture <crash|fill> <dir> <source> <chunks> <intervalMs>');
  const data = readFileSync(source);
  const chunks = Number(chunksArg);
  const interval = Number(intervalArg);
  let failed: ((message: string) => void) | null = null;
  const service = new RecordingService({
    logger: createLogger('fixture', 'error'),
    now: Date.now,
    remux: () => Promise.reject(new Error('the fixture never finishes a take')),
    onFailed: (_key, error) => failed?.(`failed ${error.bytesKept} ${error.message}`),
  });
  failed = (line) => {
    process.stdout.write(line + '\n');
    process.exit(0);
  };
  const session = await service.start('take', { dir, mimeType: 'video/webm;codecs=vp8,opus', itemId: 'lipstick-1', attributeId: 'pink' });
  const size = Math.ceil(data.length / chunks);
  for (let i = 0; i * size < data.length; i++) {
    try {
      const bytes = await session.append(data.subarray(i * size, (i + 1) * size), i);
      process.stdout.write(`ack ${bytes}\n`);
    } catch {
      // onFailed has reported it and exits.
      await new Promise(() => {});
    }
    // MediaRecorder with a 250 ms timeslice: chunk i ends about (i + 1) × 250 ms into the take.
    const t = (i + 1) * 250;
    await session.event({ type: 'face', t, x: 0.4, y: 0.3, w: 0.2, h: 0.3 });
    if (i === 2) await session.event({ type: 'attribute', t, itemId: 'lipstick-1', attributeId: 'rose' });
    await new Promise((r) => setTimeout(r, interval));
  }
  process.stdout.write('done\n');
  // A crash test must be killed before this; never finishing keeps the take open if it is not.
  if (mode === 'crash') await new Promise(() => {});
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
