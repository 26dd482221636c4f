import { readFileSync, writeFileSync } from 'node:fs';
import { LIP_MASK_SIZE, LipMask, refineLipMask } from '@shared/domain/tryon/lip-mask';
import { LIP_GOALS, changedPixels, dilate, erode, rasterPolygon, scoreLipMask, type LipOutline, type LipScore } from '@shared/domain/tryon/lip-score';
import { FINISHES, shadePixel, type Rgb } from '@shared/domain/tryon/lip-finish';
import { SRGB_TO_LINEAR } from '@shared/domain/tryon/srgb';
import { LIPS_INNER, LIPS_OUTER } from '@shared/domain/tryon/regions';
import { formatLipScore, loadLipSet } from '../e2e/tryon-kit';
import type { LipsDumpFace } from './tryon-lips';

/**
 * The lip mask scored offline, in seconds instead of a browser run: reads the frames and tracked lip
 * contours that `LIPS_DUMP=FILE npm run bench -- tryon --lips` wrote, runs refineLipMask on each,
 * shades the strong matte red as the makeup shader does (lip-finish.ts shadePixel, mixed by the mask
 * at the shade's opacity, 8-bit sRGB out) and scores it against the hand-drawn outlines. For trying
 * mask ideas; the figures of record are the browser's (`npm run bench -- tryon --lips`).
 *
 *   npx tsx bench/tryon-lips-offline.ts DUMP.json [OUT_PREFIX]
 *
 * With OUT_PREFIX, writes per face a PPM of the mouth (4×): the photo, the shaded frame, and what each
 * pixel counts for (CLASS_RGB) with the tracked contours over it. LIPS_WHY=1 tallies the mask's zone,
 * alpha, colour likelihood and tooth flag under the pixels outside the outline, leaked and missed
 * (LIPS_WHY=where also lists the outside ones); LIPS_COLUMN=face:x prints one image column of the mask.
 */

/** Classic Red (#b3121f, opacity 0.8, matte): the bench's strong matte red. */
const SHADE = { hex: '#b3121f', opacity: 0.8, lighting: 0.35 };

const toLinear = (v: number): number => SRGB_TO_LINEAR[v]!;
const toSrgbByte = (c: number): number => {
  const v = Math.min(1, Math.max(0, c));
  return Math.round(255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055));
};

/** The frame with the lipstick drawn through `mask` (the shader's lips path, bilinear mask sampling). */
export function shadeWithMask(rgba: Uint8Array, width: number, height: number, mask: LipMask): Uint8Array {
  const out = rgba.slice();
  const colour: Rgb = [1, 3, 5].map((k) => toLinear(parseInt(SHADE.hex.slice(k, k + 2), 16))) as Rgb;
  const shaded: Rgb = [0, 0, 0];
  const base: Rgb = [0, 0, 0];
  const sample = (c: number, r: number): number => (c < 0 || r < 0 || c >= LIP_MASK_SIZE || r >= LIP_MASK_SIZE ? 0 : mask.alpha[r * LIP_MASK_SIZE + c]! / 255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fc = (x - mask.x0) / mask.step,
        fr = (y - mask.y0) / mask.step;
      const c0 = Math.floor(fc),
        r0 = Math.floor(fr);
      if (c0 < -1 || r0 < -1 || c0 >= mask.cols || r0 >= mask.rows) continue;
      const tx = fc - c0,
        ty = fr - r0;
      const m = (1 - ty) * ((1 - tx) * sample(c0, r0) + tx * sample(c0 + 1, r0)) + ty * ((1 - tx) * sample(c0, r0 + 1) + tx * sample(c0 + 1, r0 + 1));
      const a = m * SHADE.opacity;
      if (a <= 0) continue;
      const i = (y * width + x) * 4;
      for (let k = 0; k < 3; k++) base[k] = toLinear(rgba[i + k]!);
      shadePixel(base, 0, mask.lipLuminance, colour, SHADE.lighting, FINISHES.matte, 0, shaded);
      for (let k = 0; k < 3; k++) out[i + k] = toSrgbByte(base[k]! + (shaded[k]! - base[k]!) * a);
    }
  }
  return out;
}

/** What each pixel counts for in the score: missed lip, leak into the opening, outside the outline, or right. */
function classes(changed: Uint8Array, width: number, height: number, label: LipOutline): Uint8Array {
  const outer = rasterPolygon(label.outer, width, height);
  const inner = rasterPolygon(label.inner, width, height);
  const near = dilate(outer, width, height, 3);
  const lipArea = erode(
    outer.map((v, p) => (v && !inner[p] ? 1 : 0)),
    width,
    height,
    1,
  );
  const mouth = label.open ? erode(inner, width, height, 2) : new Uint8Array(outer.length);
  return changed.map((c, p) => (c ? (!near[p] ? 1 : mouth[p] ? 2 : outer[p] ? 3 : 6) : lipArea[p] ? 4 : outer[p] ? 5 : 0));
}

/**
 * Class colours: outside the outline (magenta), leak (cyan), right (red), missed lip (yellow), unscored
 * lip edge (dark red), and changed within the 3 px that precision forgives but outside the drawn outline
 * (orange: a patch there, such as one over the philtrum, reads as a sticker though precision barely sees it).
 */
const CLASS_RGB: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0],
  [255, 0, 255],
  [0, 230, 255],
  [220, 30, 30],
  [255, 230, 0],
  [110, 40, 40],
  [255, 140, 0],
];

/** PPM of the mouth (4×): the photo, the shaded frame, and what each pixel counts for (CLASS_RGB over grey). */
function writeSheet(file: string, face: LipsDumpFace, rgba: Uint8Array, after: Uint8Array, cls: Uint8Array): void {
  const xs = face.outer.map((p) => p[0]),
    ys = face.outer.map((p) => p[1]);
  const pad = 0.3 * (Math.max(...xs) - Math.min(...xs));
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - pad)),
    x1 = Math.min(face.width - 1, Math.ceil(Math.max(...xs) + pad));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - pad)),
    y1 = Math.min(face.height - 1, Math.ceil(Math.max(...ys) + pad));
  const Z = 4;
  const w = (x1 - x0 + 1) * Z,
    h = (y1 - y0 + 1) * Z;
  const body = Buffer.alloc(w * h * 3 * 3);
  for (let Y = 0; Y < h; Y++) {
    for (let X = 0; X < 3 * w; X++) {
      const panel = Math.floor(X / w);
      const x = x0 + Math.floor((X % w) / Z),
        y = y0 + Math.floor(Y / Z);
      const p = y * face.width + x;
      const src = panel === 1 ? after : rgba;
      let rgb: readonly number[] = [src[p * 4]!, src[p * 4 + 1]!, src[p * 4 + 2]!];
      if (panel === 2) {
        const grey = (rgb[0]! + rgb[1]! + rgb[2]!) / 6;
        rgb = cls[p] ? CLASS_RGB[cls[p]!]! : [grey, grey, grey];
      }
      body.set(rgb, (Y * 3 * w + X) * 3);
    }
  }
  // The tracked contours (as the tracker gave them, before the mask's shift) over the third panel.
  for (const [chain, rgb] of [
    [face.outer, [60, 140, 255]],
    [face.inner, [60, 255, 120]],
  ] as const) {
    for (let k = 0; k < chain.length; k++) {
      const [ax, ay] = chain[k]!,
        [bx, by] = chain[(k + 1) % chain.length]!;
      const steps = Math.ceil(Math.hypot(bx - ax, by - ay) * Z * 2);
      for (let t = 0; t <= steps; t++) {
        const X = Math.round((ax + ((bx - ax) * t) / steps - x0 + 0.5) * Z),
          Y = Math.round((ay + ((by - ay) * t) / steps - y0 + 0.5) * Z);
        if (X >= 0 && X < w && Y >= 0 && Y < h) body.set(rgb, (Y * 3 * w + 2 * w + X) * 3);
      }
    }
  }
  writeFileSync(file, Buffer.concat([Buffer.from(`P6 ${3 * w} ${h} 255\n`), body]));
}

function main(): void {
  const [dumpFile, prefix] = process.argv.slice(2);
  if (!dumpFile) throw new Error('usage: tsx bench/tryon-lips-offline.ts DUMP.json [OUT_PREFIX]');
  const dumped = JSON.parse(readFileSync(dumpFile, 'utf8')) as LipsDumpFace[];
  const labels = new Map(loadLipSet().map((f) => [f.file, f]));
  const mask = new LipMask();
  const points = new Float32Array(478 * 3);
  const scores: LipScore[] = [];
  for (const face of dumped) {
    const label = labels.get(face.file);
    if (!label) continue;
    const rgba = new Uint8Array(Buffer.from(face.before, 'base64'));
    for (const [k, i] of LIPS_OUTER.entries()) [points[i * 3], points[i * 3 + 1]] = face.outer[k]!;
    for (const [k, i] of LIPS_INNER.entries()) [points[i * 3], points[i * 3 + 1]] = face.inner[k]!;
    const t0 = performance.now();
    const valid = refineLipMask(rgba, face.width, face.height, points, mask);
    const ms = performance.now() - t0;
    if (!valid) {
      console.log(`${face.file}: no mask (the engine falls back to the band)`);
      continue;
    }
    const after = shadeWithMask(rgba, face.width, face.height, mask);
    const changed = changedPixels(rgba, after, face.width, face.height);
    const score = scoreLipMask(changed, face.width, face.height, label);
    scores.push(score);
    const cls = classes(changed, face.width, face.height, label);
    const n = [0, 0, 0, 0, 0, 0, 0];
    for (const c of cls) n[c]!++;
    console.log(
      formatLipScore(
        face.file,
        score,
        `out ${n[1]} beyond ${n[6]} leak ${n[2]}/${score.mouthArea} miss ${n[4]}/${score.lipArea}; ${mask.open ? 'open' : 'closed'}, shift ${mask.shiftX},${mask.shiftY}, turn ${mask.turn.toFixed(2)}, sep ${mask.separation.toFixed(2)}, ${ms.toFixed(1)} ms`,
      ),
    );
    if (process.env.LIPS_WHY) {
      // Troubleshooting: the mask's alpha, zone and colour likelihood under the pixels outside the outline and the leaked ones.
      for (const which of [1, 2, 4]) {
        const tally = new Map<string, number>();
        for (let p = 0; p < cls.length; p++) {
          if (cls[p] !== which) continue;
          const c = Math.round(((p % face.width) - mask.x0) / mask.step),
            r = Math.round((Math.floor(p / face.width) - mask.y0) / mask.step);
          const cell = r * mask.cols + c;
          const key = `z${mask.zone[cell]} a${Math.floor(mask.alpha[r * LIP_MASK_SIZE + c]! / 64)} c${Math.floor(mask.colour[cell]! * 4)} t${mask.tooth[cell]}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
        if (process.env.LIPS_WHY === 'where' && which === 1) {
          const at: string[] = [];
          for (let p = 0; p < cls.length; p++) if (cls[p] === 1) at.push(`${p % face.width},${Math.floor(p / face.width)}`);
          console.log(`   out at ${at.join(' ')}`);
        }
        console.log(
          `   ${['', 'out', 'leak', '', 'miss'][which]}: ${[...tally]
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k}:${v}`)
            .join(' ')}`,
        );
      }
    }
    if (process.env.LIPS_COLUMN && face.file.startsWith(process.env.LIPS_COLUMN.split(':')[0]!)) {
      const x = Number(process.env.LIPS_COLUMN.split(':')[1]);
      const c = Math.round((x - mask.x0) / mask.step);
      for (let r = 0; r < mask.rows; r++) {
        const cell = r * mask.cols + c;
        console.log(
          `   y ${mask.y0 + r * mask.step} class ${cls[(mask.y0 + r * mask.step) * face.width + x]} zone ${mask.zone[cell]} colour ${mask.colour[cell]!.toFixed(2)} tooth ${mask.tooth[cell]} alpha ${mask.alpha[r * LIP_MASK_SIZE + c]} luma ${mask.luma[cell]!.toFixed(0)} sat ${mask.saturation[cell]!.toFixed(2)}`,
        );
      }
    }
    if (prefix) writeSheet(`${prefix}${face.file.replace(/\.\w+$/, '')}.ppm`, face, rgba, after, cls);
  }
  const meets = scores.filter((s) => s.precision >= LIP_GOALS.precision && s.coverage >= LIP_GOALS.coverage && (s.leak === null || s.leak <= LIP_GOALS.leak)).length;
  const leaks = scores.map((s) => s.leak).filter((v): v is number => v !== null);
  console.log(
    `${meets}/${scores.length} meet the goals; worst precision ${(100 * Math.min(...scores.map((s) => s.precision))).toFixed(1)} %, coverage ${(100 * Math.min(...scores.map((s) => s.coverage))).toFixed(1)} %, leak ${(100 * Math.max(...leaks)).toFixed(1)} %`,
  );
}

main();
