/// <reference lib="dom" />
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { LIP_GOALS, changedPixels, dilate, rasterPolygon, scoreLips, textureKept, type LipScore } from '@shared/domain/tryon/lip-score';
import { launchStudio, type StudioSession } from './support/studio';
import type { Page } from 'playwright-core';
import { LIPS_DIR, TEST_OUTPUT, catalog, chooseLook, formatLipScore, grab, loadLipSet, lookOf, openFile, openStudioPage, type Frame, type LabelledFace } from './tryon-kit';

/**
 * Lips exactly on the lips (issue 16 §1), on the labelled set e2e/fixtures/lips: each photo through
 * the studio without a look and with a strong matte red, scored against hand-drawn outlines —
 * precision (changed pixels within 3 px of the outer outline), coverage (of the lip area eroded by
 * 1 px), leak (changed pixels inside the open mouth's opening eroded by 2 px).
 *
 * Stills are scored as the creator ends up seeing them: on this CPU-only machine the tracker's
 * 468-point result is drawn first, then the still is redrawn with the 478-point mesh's lips (the
 * engine's second pass, renderer/tryon/still-refiner.ts); the test waits for that redraw and checks
 * that it happened (debug readout `data-lip-pass="refined"`). A tracker that has 478 points itself
 * (a real GPU) draws its own lips at once (`tracker`).
 *
 * Faces that do not reach the goals yet are listed in KNOWN_MISSES with the figures they reached
 * when they were listed (rounded down, a point or so below): the test fails if a face falls below those, and it fails as
 * well when a listed face starts meeting the goals (so the list shrinks). See renderer/tryon/README.md.
 * Empty since every face of the set meets the goals (astronaut and qt-right last, lip-mask-rim.ts and
 * lip-mask-teeth.ts); a face added to the set that does not yet goes here.
 */
const KNOWN_MISSES: Readonly<Record<string, { precision: number; coverage: number; leak: number }>> = {};

/** Waits for the still's second pass (478-point lips) to be drawn; answers how it ended, 'refined' also for a 478-point tracker. */
async function refinedLips(page: Page): Promise<string> {
  const canvas = page.locator('canvas[aria-label="Try-on preview"]');
  await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.lipPass !== 'pending', undefined, { timeout: 60_000 });
  const pass = (await canvas.getAttribute('data-lip-pass')) ?? 'none';
  return pass === 'tracker' && (await canvas.getAttribute('data-tracker'))?.includes('/478') ? 'refined' : pass;
}

const meets = (s: LipScore): boolean => s.precision >= LIP_GOALS.precision && s.coverage >= LIP_GOALS.coverage && (s.leak === null || s.leak <= LIP_GOALS.leak);

let studio: StudioSession;

beforeAll(async () => {
  studio = await launchStudio({ viewport: { width: 1400, height: 900 } });
  await openStudioPage(studio.page);
});

afterAll(async () => {
  await studio?.close();
});

describe('lips on the labelled photo set (e2e/fixtures/lips)', () => {
  it('colours the lips and not the skin or the teeth, face by face', async () => {
    const { page } = studio;
    const red = lookOf('velvet-rouge-lipstick', 'classic-red');
    const lines: string[] = [];
    const failures: string[] = [];
    for (const face of loadLipSet()) {
      expect(await openFile(page, path.join(LIPS_DIR, face.file)), face.file).toBe('found');
      expect(await refinedLips(page), face.file).toBe('refined');
      await chooseLook(page, null);
      const before = await grab(page);
      await chooseLook(page, red);
      const after = await grab(page);
      const score = scoreLips(before.frame.rgba, after.frame.rgba, after.frame.width, after.frame.height, face);
      expect(after.debug.lipPass, face.file).toBe(after.debug.tracker?.includes('/478') ? 'tracker' : 'refined');
      lines.push(formatLipScore(face.file, score, `yaw ${after.debug.yaw ?? '?'}°, lips ${after.debug.lipPass}`));
      const floor = KNOWN_MISSES[face.file];
      if (!floor) {
        if (!meets(score)) failures.push(`${face.file} misses the goals`);
      } else if (meets(score)) {
        failures.push(`${face.file} meets the goals now: take it off KNOWN_MISSES`);
      } else if (score.precision < floor.precision || score.coverage < floor.coverage || (score.leak ?? 0) > floor.leak) {
        failures.push(`${face.file} fell below its recorded figures`);
      }
    }
    console.log(`lips, strong matte red (goals: precision ≥ 95 %, coverage ≥ 80 %, leak ≤ 5 %):\n  ${lines.join('\n  ')}`);
    expect(failures).toEqual([]);
  });

  it('keeps the lips’ own texture in every finish and puts the gloss on the lips’ shape (sheet: test-output/tryon/lip-finishes.png)', async () => {
    const { page } = studio;
    const shades = catalog.items
      .filter((item) => item.bodyArea === 'lips')
      .flatMap((item) => item.attributes.map((a) => ({ look: lookOf(item.id, a.id), finish: 'finish' in a ? a.finish : 'matte' })));
    const faces = loadLipSet().filter((f) => FINISH_FACES.includes(f.file));
    const lines: string[] = [];
    const failures: string[] = [];
    const cells: Array<{ face: LabelledFace; frame: Frame; label: string }> = [];
    for (const face of faces) {
      expect(await openFile(page, path.join(LIPS_DIR, face.file)), face.file).toBe('found');
      await chooseLook(page, null);
      const before = (await grab(page)).frame;
      const { width, height } = before;
      const outer = rasterPolygon(face.outer, width, height);
      const opening = dilate(rasterPolygon(face.inner, width, height), width, height, 1);
      const lips = outer.map((v, i) => (v && !opening[i] ? 1 : 0));
      cells.push({ face, frame: before, label: `${face.file} before` });
      const row: string[] = [];
      for (const { look, finish } of shades) {
        await chooseLook(page, look);
        const after = (await grab(page)).frame;
        // Where the shade is on (changed, inside the hand-drawn lips): its texture, not the mask's edge.
        const changed = changedPixels(before.rgba, after.rgba, width, height);
        const kept = textureKept(
          before.rgba,
          after.rgba,
          width,
          height,
          lips.map((v, i) => v & changed[i]!),
        );
        let note = '';
        if (finish === 'gloss') {
          const placed = highlightPlacement(before, after, face, outer, opening);
          note = ` hl ${(100 * placed.onLips).toFixed(0)}/${(100 * placed.lower).toFixed(0)}%`;
          if (placed.onLips < GLOSS_PLACED.onLips || placed.lower < GLOSS_PLACED.lower)
            failures.push(`${face.file} ${look.attribute.id}: highlight ${(100 * placed.onLips).toFixed(0)} % on the lips, ${(100 * placed.lower).toFixed(0)} % on the lower lip`);
        }
        row.push(`${look.attribute.id} ${kept.amplitude.toFixed(2)}/${kept.correlation.toFixed(2)}${note}`);
        const keptEnough = kept.amplitude >= TEXTURE_KEPT.amplitude && kept.correlation >= TEXTURE_KEPT.correlation;
        const known = TEXTURE_KNOWN_MISSES[`${face.file} ${look.attribute.id}`];
        if (known && keptEnough) failures.push(`${face.file} ${look.attribute.id} keeps the texture now: take it off TEXTURE_KNOWN_MISSES`);
        else if (!keptEnough && (!known || kept.correlation < known.correlation || kept.amplitude < TEXTURE_KEPT.amplitude))
          failures.push(`${face.file} ${look.attribute.id} (${finish}): texture amplitude ${kept.amplitude.toFixed(2)}, correlation ${kept.correlation.toFixed(2)}`);
        cells.push({ face, frame: after, label: `${look.attribute.label} · ${finish}` });
      }
      lines.push(`${face.file.padEnd(16)} ${row.join(', ')}`);
    }
    await writeFinishSheet(page, cells, 1 + shades.length);
    console.log(`lip finishes: fine texture kept against the bare lips (amplitude / correlation) and gloss highlight placement (on the lips / on the lower lip):\n  ${lines.join('\n  ')}`);
    expect(failures).toEqual([]);
  });
});

/** Faces of the lip set on the finishes sheet: closed and open mouths, daylight and dim light, lighter and darker skin. */
const FINISH_FACES = ['grace-hopper.jpg', 'jesper-2.jpg', 'new-wave-2.jpg', 'bar-woman.jpg', 'bar2-woman.jpg', 'obama-portrait.jpg'];
/**
 * Every shade keeps at least this much of the bare lips' fine texture (lip-score.ts textureKept): half
 * its amplitude, and a pattern that is recognisably the same lines (the shading before issue 16 §3
 * fell to 0.31–0.45 on new-wave-2's and grace-hopper's dark shades; 0.56–0.99 now).
 */
const TEXTURE_KEPT = { amplitude: 0.5, correlation: 0.5 };
/**
 * Shades that do not keep the texture yet, with the correlation they reached when listed (a little
 * below): on the darker face's low-contrast lips the shimmer's sparkles outweigh the lips' own fine
 * lines (amplitude 2.74, correlation 0.28; the lighter faces’ plum sparkle reaches 0.50–0.75). Fails
 * when one falls below that or starts keeping the texture, as KNOWN_MISSES does.
 */
const TEXTURE_KNOWN_MISSES: Readonly<Record<string, { correlation: number }>> = {
  'obama-portrait.jpg plum-sparkle': { correlation: 0.25 },
};
/** A gloss shade's highlight: at least half of it on the lips, and most of that on the lower lip (was 5–13 % on grace-hopper). */
const GLOSS_PLACED = { onLips: 0.5, lower: 0.4 };

/**
 * Where a gloss shade's highlight falls: of the changed pixels, the 3 % that gained the most brightness
 * (a shade darkens skin and lips; only its highlight brightens), the share inside the hand-drawn lips
 * (outer outline dilated by 3 px, an open mouth's opening excluded) and, of those, the share on the
 * lower lip (below the opening's mean height).
 */
function highlightPlacement(before: Frame, after: Frame, face: LabelledFace, outer: Uint8Array, opening: Uint8Array): { onLips: number; lower: number } {
  const { width, height } = before;
  // The precision figure's tolerance (3 px); a closed mouth's lip line is lip (it is coloured).
  const near = dilate(outer, width, height, 3);
  const lum = (rgba: Uint8Array, i: number): number => 0.2126 * rgba[i * 4]! + 0.7152 * rgba[i * 4 + 1]! + 0.0722 * rgba[i * 4 + 2]!;
  const changed: Array<{ i: number; l: number }> = [];
  for (let i = 0; i < width * height; i++) {
    const d = Math.max(Math.abs(before.rgba[i * 4]! - after.rgba[i * 4]!), Math.abs(before.rgba[i * 4 + 1]! - after.rgba[i * 4 + 1]!), Math.abs(before.rgba[i * 4 + 2]! - after.rgba[i * 4 + 2]!));
    if (d > 12) changed.push({ i, l: lum(after.rgba, i) - lum(before.rgba, i) });
  }
  changed.sort((a, b) => b.l - a.l);
  const top = changed.slice(0, Math.max(5, Math.round(0.03 * changed.length)));
  const openingY = face.inner.reduce((sum, p) => sum + p[1], 0) / face.inner.length;
  const on = top.filter(({ i }) => near[i] && !(face.open && opening[i]));
  const lower = on.filter(({ i }) => Math.floor(i / width) > openingY);
  return { onLips: on.length / top.length, lower: on.length > 0 ? lower.length / on.length : 0 };
}

/** A crop around the mouth (x, y, width, height) of the given aspect: the outer outline's width and a fifth more. */
function mouthCrop(face: LabelledFace, aspect: number): [number, number, number, number] {
  const xs = face.outer.map((p) => p[0]);
  const ys = face.outer.map((p) => p[1]);
  const w = Math.max(Math.max(...xs) - Math.min(...xs), aspect * (Math.max(...ys) - Math.min(...ys))) * 1.2;
  const h = w / aspect;
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  return [cx - w / 2, cy - h / 2, w, h];
}

/** The sheet: per face a row of mouth crops — bare, then every lip shade — written to test-output/tryon/lip-finishes.png. */
async function writeFinishSheet(page: Page, cells: ReadonlyArray<{ face: LabelledFace; frame: Frame; label: string }>, columns: number): Promise<void> {
  const CELL_W = 240;
  const CELL_H = 140;
  const payload = cells.map(({ face, frame, label }) => ({
    crop: mouthCrop(face, CELL_W / CELL_H),
    width: frame.width,
    height: frame.height,
    base64: Buffer.from(frame.rgba).toString('base64'),
    label,
  }));
  const png = await page.evaluate(
    async ([cells, columns, cellW, cellH]) => {
      const rows = Math.ceil(cells.length / columns);
      const sheet = document.createElement('canvas');
      sheet.width = columns * cellW;
      sheet.height = rows * (cellH + 18);
      const ctx = sheet.getContext('2d')!;
      ctx.fillStyle = '#0e0f13';
      ctx.fillRect(0, 0, sheet.width, sheet.height);
      for (const [k, c] of cells.entries()) {
        const bytes = Uint8ClampedArray.from(atob(c.base64), (ch) => ch.charCodeAt(0));
        const bitmap = await createImageBitmap(new ImageData(bytes, c.width, c.height));
        const x0 = (k % columns) * cellW;
        const y0 = Math.floor(k / columns) * (cellH + 18);
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(bitmap, c.crop[0], c.crop[1], c.crop[2], c.crop[3], x0, y0, cellW, cellH);
        ctx.fillStyle = '#e8e8ea';
        ctx.font = '12px sans-serif';
        ctx.fillText(c.label, x0 + 4, y0 + cellH + 13);
      }
      const blob = await new Promise<Blob | null>((resolve) => sheet.toBlob(resolve, 'image/png'));
      const bytes = new Uint8Array(await blob!.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    [payload, columns, CELL_W, CELL_H] as const,
  );
  mkdirSync(TEST_OUTPUT, { recursive: true });
  writeFileSync(path.join(TEST_OUTPUT, 'lip-finishes.png'), Buffer.from(png, 'base64'));
}
