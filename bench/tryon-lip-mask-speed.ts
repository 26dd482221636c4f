import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LIP_MASK_SIZE, LipMask, refineLipMask } from '@shared/domain/tryon/lip-mask';
import { rasterPolygon, type Point } from '@shared/domain/tryon/lip-score';
import { LIPS_INNER, LIPS_OUTER } from '@shared/domain/tryon/regions';
import type { LipsDumpFace } from './tryon-lips';

/**
 * How long refineLipMask takes per call (it runs on every live frame, on the page's thread), and a
 * hash of everything it gives the renderer, so a faster mask can be checked to be the same mask:
 *
 *   npx tsx bench/tryon-lip-mask-speed.ts [DUMP.json] [--baseline MODULE] [--calls N] [--check N]
 *
 * Inputs: synthetic 640 × 480 frames (closed, open and turned mouths, the mesh's contours a few pixels
 * off as on real faces) and, given a dump (`LIPS_DUMP=FILE npm run bench -- tryon --lips`), the
 * labelled set's real frames and tracked contours. Per input: the median ms per call over N calls
 * after a warm-up, and an FNV-1a hash of the alpha and gloss grids, the grid's geometry, the lips'
 * luminance and the other fields the mask reports. With --baseline MODULE (another revision's
 * lip-mask: `git archive HEAD shared | tar -x -C DIR`, then DIR/shared/domain/tryon/lip-mask.ts, or
 * that bundled to .js), its refineLipMask runs too, alternating with this one round by round so both
 * see the same machine load, and the hashes are compared; --check N also compares the two on N
 * variations of each input's contours (moved and bent by up to 4 px, untimed). The browser runs the page's bundle, where
 * imported constants are inlined; tsx pays a getter for each, so bundle both to time them as the page
 * would (`npx esbuild FILE --bundle --platform=node --minify-syntax --outfile=OUT.js`, then node OUT.js).
 */

type Refine = typeof refineLipMask;

interface Input {
  readonly name: string;
  readonly rgba: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly points: Float32Array;
}

const W = 640;
const H = 480;
type Rgb = readonly [number, number, number];
const SKIN: Rgb = [214, 160, 130];
const LIP: Rgb = [170, 70, 80];
const TEETH: Rgb = [235, 232, 222];
const DARK: Rgb = [40, 14, 16];

/** An ellipse as `n` points, clockwise from the right; `squash` narrows the half toward the left corner (a turned head). */
function ellipse(cx: number, cy: number, rx: number, ry: number, n = 20, squash = 1): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const x = rx * Math.cos(a);
    return [cx + (x < 0 ? x * squash : x), cy + ry * Math.sin(a)] as Point;
  });
}

/** A face-sized frame: skin lit from above-left (a gradient), lips between the outlines, the opening filled with `mouth` rows. */
function frame(outer: readonly Point[], inner: readonly Point[], mouth: readonly Rgb[]): Uint8Array {
  const O = rasterPolygon(outer, W, H);
  const I = rasterPolygon(inner, W, H);
  const rgba = new Uint8Array(W * H * 4);
  for (let p = 0; p < W * H; p++) {
    const x = p % W,
      y = Math.floor(p / W);
    // Pixel noise, so the statistics are not degenerate, and shading across the face.
    const n = ((((p * 2654435761) >>> 0) % 13) - 6) * 1.5 - (x + y) / 40;
    const colour = O[p] ? (I[p] ? mouth[y % mouth.length]! : LIP) : SKIN;
    for (let k = 0; k < 3; k++) rgba[p * 4 + k] = Math.max(0, Math.min(255, Math.round(colour[k]! + n)));
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}

/** Landmarks (478 × xyz) with the lip contours at the given points. */
function landmarks(outer: readonly Point[], inner: readonly Point[]): Float32Array {
  const points = new Float32Array(478 * 3);
  LIPS_OUTER.forEach((index, i) => points.set([outer[i]![0], outer[i]![1], 0], index * 3));
  LIPS_INNER.forEach((index, i) => points.set([inner[i]![0], inner[i]![1], 0], index * 3));
  return points;
}

const moved = (points: readonly Point[], dx: number, dy: number): Point[] => points.map(([x, y]) => [x + dx, y + dy]);

function synthetic(): Input[] {
  const inputs: Input[] = [];
  const add = (name: string, outer: Point[], inner: Point[], mouth: readonly Rgb[], meshOuter: Point[], meshInner: Point[]): void => {
    inputs.push({ name, rgba: frame(outer, inner, mouth), width: W, height: H, points: landmarks(meshOuter, meshInner) });
  };
  // A closed mouth: the opening is the dark lip line; the mesh 3 px low.
  const closedOuter = ellipse(320, 330, 38, 16);
  const closedInner = ellipse(320, 330, 31, 1.5);
  add('synthetic-closed', closedOuter, closedInner, [DARK], moved(closedOuter, 0, 3), moved(closedInner, 0, 3));
  // An open smile: teeth and the dark mouth; the mesh's inner contour on the teeth.
  const openOuter = ellipse(320, 330, 40, 22);
  const openInner = ellipse(320, 330, 30, 10);
  add('synthetic-open', openOuter, openInner, [TEETH, TEETH, TEETH, DARK], openOuter, ellipse(320, 330, 27, 7));
  // A head turned ~15°: the left half narrower in the image than the mesh puts it, the mesh 2 px right.
  const turnedOuter = ellipse(320, 330, 40, 19, 20, 0.75);
  const turnedInner = ellipse(320, 330, 31, 7, 20, 0.75);
  add('synthetic-turned', turnedOuter, turnedInner, [TEETH, DARK], moved(ellipse(320, 330, 40, 19, 20, 0.9), 2, 0), moved(ellipse(320, 330, 31, 7, 20, 0.9), 2, 0));
  // A face close to the camera: a mouth box over LIP_MASK_SIZE, sampled every second pixel.
  const nearOuter = ellipse(320, 300, 120, 50);
  const nearInner = ellipse(320, 300, 95, 20);
  add('synthetic-close-up', nearOuter, nearInner, [TEETH, TEETH, DARK], moved(nearOuter, -3, 2), moved(nearInner, -3, 2));
  return inputs;
}

/** The lip points moved by up to ±`spread` px each (a deterministic pseudo-random draw from `seed`): more masks to compare. */
function jittered(points: Float32Array, seed: number, spread: number): Float32Array {
  const out = points.slice();
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const shiftX = (next() - 0.5) * 2 * spread,
    shiftY = (next() - 0.5) * 2 * spread;
  for (const index of [...LIPS_OUTER, ...LIPS_INNER]) {
    out[index * 3] = out[index * 3]! + shiftX + (next() - 0.5) * spread;
    out[index * 3 + 1] = out[index * 3 + 1]! + shiftY + (next() - 0.5) * spread;
  }
  return out;
}

function fromDump(file: string): Input[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as LipsDumpFace[]).map((face) => ({
    name: face.file,
    rgba: new Uint8Array(Buffer.from(face.before, 'base64')),
    width: face.width,
    height: face.height,
    points: landmarks(face.outer, face.inner),
  }));
}

/** FNV-1a over what the renderer reads (alpha, gloss, the grid's box, lipLuminance) and the mask's other reported fields. */
function hashMask(mask: LipMask, valid: boolean): string {
  let h = 0x811c9dc5;
  const bytes = (b: Uint8Array): void => {
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  };
  const scalars = new Float64Array([valid ? 1 : 0, mask.x0, mask.y0, mask.step, mask.cols, mask.rows, mask.lipLuminance, mask.open ? 1 : 0, mask.turn, mask.shiftX, mask.shiftY, mask.separation]);
  bytes(new Uint8Array(scalars.buffer));
  bytes(new Uint8Array(mask.outerXY.buffer));
  bytes(new Uint8Array(mask.innerXY.buffer));
  bytes(mask.alpha);
  bytes(mask.gloss);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** `calls` timed calls (after `warm` untimed ones) of one implementation on one input; ms per call. */
function time(refine: Refine, input: Input, mask: LipMask, warm: number, calls: number): number[] {
  for (let i = 0; i < warm; i++) refine(input.rgba, input.width, input.height, input.points, mask);
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    refine(input.rgba, input.width, input.height, input.points, mask);
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const baseline = option('--baseline');
  const calls = Number(option('--calls') ?? 400);
  const checks = Number(option('--check') ?? 0);
  const dump = args[0];
  const inputs = [...synthetic(), ...(dump ? fromDump(dump) : [])];
  const impls: Array<{ name: string; refine: Refine; mask: LipMask }> = [{ name: 'this', refine: refineLipMask, mask: new LipMask() }];
  if (baseline) {
    const base = (await import(path.resolve(baseline))) as { refineLipMask: Refine; LipMask: new () => LipMask };
    impls.unshift({ name: 'baseline', refine: base.refineLipMask, mask: new base.LipMask() });
  }
  // Short rounds alternate the implementations, input by input, so that a change in the machine's load
  // (the other core's work) hits both alike.
  const ROUNDS = 20;
  const samples = impls.map(() => inputs.map((): number[] => []));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, input] of inputs.entries()) {
      for (const [k, impl] of impls.entries()) samples[k]![i]!.push(...time(impl.refine, input, impl.mask, round === 0 ? 100 : 5, Math.ceil(calls / ROUNDS)));
    }
  }
  console.log(
    `refineLipMask, median ms per call over ${ROUNDS * Math.ceil(calls / ROUNDS)} calls (node ${process.version}); the hash covers alpha, gloss, the grid's box, lipLuminance and the reported fields`,
  );
  console.log(`${'input'.padEnd(20)} ${impls.map((impl) => `${impl.name.padStart(9)} ms  hash    `).join(' ')}`);
  const totals = impls.map(() => 0);
  let same = 0;
  for (const [i, input] of inputs.entries()) {
    const cells = impls.map((impl, k) => {
      const valid = impl.refine(input.rgba, input.width, input.height, input.points, impl.mask);
      const ms = median(samples[k]![i]!);
      totals[k]! += ms;
      return { ms, hash: hashMask(impl.mask, valid), valid };
    });
    const identical = cells.every((c) => c.hash === cells[0]!.hash);
    if (identical) same++;
    const mask = impls[impls.length - 1]!.mask;
    const what = cells[0]!.valid ? `${mask.cols}×${mask.rows} step ${mask.step}${mask.open ? ' open' : ''}` : 'no mask';
    console.log(
      `${input.name.padEnd(20)} ${cells.map((c) => `${c.ms.toFixed(3).padStart(12)}  ${c.hash}`).join(' ')}  ${impls.length > 1 ? (identical ? 'same ' : 'DIFFERENT ') : ''}(${what}; alpha at the middle ${mask.alpha[(mask.rows >> 1) * LIP_MASK_SIZE + (mask.cols >> 1)]})`,
    );
  }
  console.log(`${'sum of medians'.padEnd(20)} ${totals.map((t) => `${t.toFixed(3).padStart(12)}          `).join(' ')}`);
  if (impls.length > 1) console.log(`${same}/${inputs.length} hashes identical; this / baseline ${(totals[1]! / totals[0]!).toFixed(3)}`);
  if (impls.length > 1 && checks > 0) {
    let agree = 0,
      valid = 0;
    for (const input of inputs) {
      for (let k = 0; k < checks; k++) {
        const points = jittered(input.points, k + 1, 4);
        const hashes = impls.map((impl) => {
          const ok = impl.refine(input.rgba, input.width, input.height, points, impl.mask);
          if (ok && impl === impls[0]) valid++;
          return hashMask(impl.mask, ok);
        });
        if (hashes.every((h) => h === hashes[0])) agree++;
        else console.log(`DIFFERENT: ${input.name}, variation ${k + 1}`);
      }
    }
    console.log(`variations: ${agree}/${inputs.length * checks} hashes identical (${valid} of them masks, the rest refused)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
