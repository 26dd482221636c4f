// `npm start`: builds the studio, then runs the Electron app. Where the Electron binary cannot be
// had (no access to its download host, as on our CI machines), it says so and starts the
// browser-hosted studio instead: the same services and UI, served on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  // require('electron') returns the binary's path, downloading it on first use (Electron ≥ 42).
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  const file = probe.status === 0 ? probe.stdout.trim() : '';
  if (file && existsSync(file)) return { file };
  const reason = (probe.stderr || '').split('\n').find((l) => /Error|failed/i.test(l)) ?? 'download failed';
  return { reason: reason.trim() };
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

const webHost = [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'electron', 'web', 'index.ts'), ...passThrough];
const electron = forceWeb ? { reason: '--web was given' } : electronBinary();
if (electron.file) {
  console.log('Starting Anchor Studio (Electron)…');
  run(electron.file, [root, ...passThrough]);
} else {
  if (!forceWeb) {
    console.log(`\nThe Electron binary is not available here (${electron.reason}).`);
    console.log('Falling back to the browser-hosted studio: open the address printed below in Chrome or Chromium.\n');
  }
  run(process.execPath, webHost);
}
