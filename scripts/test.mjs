#!/usr/bin/env node
// `npm test`: every check, in this order:
//   1. scripts/ensure-test-deps.mjs (Chromium, ffmpeg, PostgreSQL, Redis, nginx + RTMP, CJK fonts)
//   2. at most JOBS at a time (default: one per CPU, at least 2): the typecheck (one tsc per tsconfig),
//      lint, format:check, electron-vite build and the viewer build. Each of these runs on one core
//      for most of its time, so on CI's 2 cores two at a time take about half as long as one after another.
//   3. vitest's unit and platform-pg projects
//   4. vitest's e2e project (needs the two builds of step 2)
// A step's output is printed whole once it ends (so parallel steps never interleave), with its time.
// A failing step fails the run; the steps of the same stage still finish, so every failure is shown.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const jobs = Math.max(2, Number(process.env.TEST_JOBS) || availableParallelism());

const tsconfigs = ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json', 'tsconfig.viewer.json'];
const stages = [
  [{ name: 'ensure-test-deps', cmd: process.execPath, args: [join(root, 'scripts', 'ensure-test-deps.mjs')] }],
  [
    // Longest first, so the pool does not end on one long step alone.
    { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings=0', '.'] },
    ...tsconfigs.map((p) => ({ name: `typecheck ${p}`, cmd: bin('tsc'), args: ['-p', p] })),
    { name: 'electron-vite build', cmd: bin('electron-vite'), args: ['build'] },
    { name: 'build:viewer', cmd: bin('vite'), args: ['build', '-c', 'viewer/vite.config.mts'] },
    { name: 'format:check', cmd: bin('prettier'), args: ['--check', '**/*.{ts,tsx,mts,mjs,cjs,js,css,html}'] },
  ],
  [{ name: 'vitest unit + platform-pg', cmd: bin('vitest'), args: ['run', '--project', 'unit', '--project', 'platform-pg'], live: true }],
  [{ name: 'vitest e2e', cmd: bin('vitest'), args: ['run', '--project', 'e2e'], live: true }],
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const timings = [];

function runStep(step, live) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (live) process.stdout.write(`\n▶ ${step.name}\n`);
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    if (!live) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    const finish = (code) => {
      const ms = Date.now() - started;
      timings.push({ name: step.name, ms, ok: code === 0 });
      if (!live) process.stdout.write(`\n▶ ${step.name}\n${output}`);
      process.stdout.write(`${code === 0 ? '✓' : '✗'} ${step.name} (${seconds(ms)}${code === 0 ? '' : `, exit ${code}`})\n`);
      resolve(code === 0);
    };
    child.once('error', (error) => {
      output += `${error.message}\n`;
      finish(-1);
    });
    child.once('close', (code, signal) => finish(code ?? (signal ? `signal ${signal}` : -1)));
  });
}

async function runStage(steps) {
  const live = steps.length === 1;
  const queue = [...steps];
  let ok = true;
  const worker = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) ok = (await runStep(step, live || step.live)) && ok;
  };
  await Promise.all(Array.from({ length: Math.min(jobs, steps.length) }, worker));
  return ok;
}

const started = Date.now();
let ok = true;
for (const steps of stages) {
  ok = await runStage(steps);
  if (!ok) break;
}
process.stdout.write(`\nnpm test: ${ok ? 'passed' : 'FAILED'} in ${seconds(Date.now() - started)}\n`);
for (const t of timings) process.stdout.write(`  ${t.ok ? '✓' : '✗'} ${seconds(t.ms).padStart(8)}  ${t.name}\n`);
process.exit(ok ? 0 : 1);
