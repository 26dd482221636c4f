import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// import.meta.url (not .dirname) so this also loads under tsx's CommonJS mode (npm run bench).
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface PlatformProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The server process's id (the current one after a restart). */
  pid(): number;
  /** SIGKILL: no graceful close, like a crash or a pulled plug. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data dir. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function launch(port: number, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // The same Node that runs the tests (22 from node_modules) running the real entry point, in ONE
  // process (`--import tsx`, not the tsx CLI, which forks a child that a SIGKILL would orphan).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/server.ts'), '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, PLATFORM_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start in 30 s: ${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, url: line.trim() });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}: ${stderr}`));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve())));

/** Runs `platform/server.ts` as a child process on 127.0.0.1 (port 0 picks a free one). */
export async function spawnPlatform(dataDir: string): Promise<PlatformProcess> {
  let { child, url } = await launch(0, dataDir);
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    dataDir,
    pid: () => child.pid!,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      ({ child, url } = await launch(port, dataDir));
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
