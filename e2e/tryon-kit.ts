/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { Catalog } from '@shared/catalog/schema';
import { LIP_GOALS, type LipScore } from '@shared/domain/tryon/lip-score';
import { repoRoot } from './support/paths';

/** The shared test faces (../shared/faces), outside the repository. */
export const FACES = path.resolve(repoRoot, '..', 'shared', 'faces');
export const TEST_OUTPUT = path.join(repoRoot, 'test-output', 'tryon');

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export type Box = readonly [number, number, number, number];

const CANVAS = 'canvas[aria-label="Try-on preview"]';

/**
 * Opens the Studio page with the engine's debug readout on, and waits for the tracker: the page asks
 * for a source, or (back from another page) it has picked up the photo tried on before and tracked it.
 */
export async function openStudioPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Studio', exact: true }).click();
  await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
  const asksForSource = page.getByText('Start your camera or open a photo');
  const trackedPrevious = page.getByRole('status').filter({ hasText: /^(Face found|No face found)$/ });
  await asksForSource.or(trackedPrevious).first().waitFor({ timeout: 90_000 });
}

/** Opens a local file (photo or video) as the source; waits until a frame of it was tracked (face or not). */
export async function openSource(page: Page, file: string): Promise<void> {
  const previous = Number((await page.locator(CANVAS).getAttribute('data-source')) ?? '0');
  await page.locator('input[type=file][aria-label="Photo or video file"]').setInputFiles(file);
  // A new source gets a new generation; the photo is decided once a frame of it was tracked.
  await page.waitForFunction(
    ([selector, before]) => {
      const d = document.querySelector<HTMLCanvasElement>(selector)?.dataset;
      return d !== undefined && Number(d.source) > before && d.tracked === d.source;
    },
    [CANVAS, previous] as const,
    { timeout: 30_000 },
  );
}

/**
 * Opens a local file as the source; waits until the tracker has decided (face or no face) and, for a
 * photo on a 468-point tracker, until it was redrawn with the 478-point lips (`data-lip-pass`), so
 * what a test grabs next is what the creator ends up seeing.
 */
export async function openFile(page: Page, file: string): Promise<'found' | 'none'> {
  await openSource(page, file);
  await page.waitForFunction((selector) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.lipPass !== 'pending', CANVAS, { timeout: 60_000 });
  const face = (await page.locator(CANVAS).getAttribute('data-face')) === 'found' ? 'found' : 'none';
  await page
    .getByRole('status')
    .filter({ hasText: face === 'found' ? /^Face found$/ : /^No face found$/ })
    .waitFor({ timeout: 10_000 });
  return face;
}

export interface LookRef {
  readonly item: { readonly id: string; readonly name: string };
  readonly attribute: { readonly id: string; readonly label: string };
}

/** The Studio's catalog list (its item cards and their shade dots), apart from the "On now" layers. */
export const catalogList = (page: Page) => page.getByRole('list', { name: 'Catalog', exact: true });

/** The worn layers as the "On now" list shows them: item id and intensity (%; 100 for 3D items). */
export async function wornLayers(page: Page): Promise<Array<{ item: string; intensity: number }>> {
  return page.locator('.studio-layer').evaluateAll((rows) => rows.map((r) => ({ item: r.getAttribute('data-item') ?? '', intensity: Number(r.querySelector('input')?.value ?? '100') })));
}

/**
 * Picks an item and shade through the UI, as a creator would, as the whole look: the studio wears
 * looks in layers, so anything else worn is taken off first ("No look"); null = "No look". Waits
 * until it is on screen.
 */
export async function chooseLook(page: Page, look: LookRef | null): Promise<void> {
  if (look === null) {
    await page.getByRole('button', { name: /No look/ }).click();
  } else {
    if ((await wornLayers(page)).some((l) => l.item !== look.item.id || l.intensity !== 100)) await page.getByRole('button', { name: /No look/ }).click();
    const button = catalogList(page).getByRole('button', { name: new RegExp(look.item.name) });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await page.getByRole('radio', { name: look.attribute.label, exact: true }).click();
  }
  const expected = look === null ? 'none' : `${look.item.id}/${look.attribute.id}`;
  // The engine writes data-look once the look (and its 3D model) is drawn.
  await page.waitForFunction(([selector, want]) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.look === want, [CANVAS, expected] as const, { timeout: 20_000 });
}

/** The studio's own catalog, read and validated as the studio reads it. */
export const catalog = Catalog.parse(JSON.parse(readFileSync(path.join(repoRoot, 'resources', 'catalog', 'catalog.json'), 'utf8')));

/** A catalog item in one of its attributes (the first unless named), as `chooseLook` takes it. */
export function lookOf(itemId: string, attributeId?: string): LookRef {
  const item = catalog.items.find((i) => i.id === itemId);
  if (!item) throw new Error(`no catalog item ${itemId}`);
  const attribute = item.attributes.find((a) => a.id === attributeId) ?? item.attributes[0]!;
  return { item: { id: item.id, name: item.name }, attribute: { id: attribute.id, label: attribute.label } };
}

/** The composited canvas pixels (top row first) with the debug readout of the same frame. */
export async function grab(page: Page): Promise<{ frame: Frame; debug: Record<string, string> }> {
  const result = await page.locator(CANVAS).evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: copy.width, height: copy.height, base64: btoa(binary), debug: { ...canvas.dataset } as Record<string, string> };
  });
  return { frame: { width: result.width, height: result.height, rgba: new Uint8Array(Buffer.from(result.base64, 'base64')) }, debug: result.debug };
}

export function parseBox(value: string | undefined): Box {
  const parts = (value ?? '').split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) throw new Error(`not a box: ${value}`);
  return parts as unknown as Box;
}

export function expand(box: Box, fraction: number, pixels: number): Box {
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  return [box[0] - w * fraction - pixels, box[1] - h * fraction - pixels, box[2] + w * fraction + pixels, box[3] + h * fraction + pixels];
}

export function inside(box: Box, x: number, y: number): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

export interface Difference {
  /** Pixels whose largest channel change exceeds the threshold, inside and outside `region`. */
  readonly changedInside: number;
  readonly changedOutside: number;
  /** Bounding box of every changed pixel. */
  readonly bounds: Box | null;
}

export function difference(before: Frame, after: Frame, region: Box, threshold = 12): Difference {
  let changedInside = 0;
  let changedOutside = 0;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let y = 0; y < before.height; y++) {
    for (let x = 0; x < before.width; x++) {
      const i = (y * before.width + x) * 4;
      const d = Math.max(Math.abs(before.rgba[i]! - after.rgba[i]!), Math.abs(before.rgba[i + 1]! - after.rgba[i + 1]!), Math.abs(before.rgba[i + 2]! - after.rgba[i + 2]!));
      if (d <= threshold) continue;
      if (inside(region, x, y)) changedInside++;
      else changedOutside++;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { changedInside, changedOutside, bounds: Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null };
}

/**
 * Mean over the changed pixels inside `region` of how much closer each moved toward `hex`
 * (Euclidean RGB distance before minus after; positive = toward the shade).
 */
export function pullToward(before: Frame, after: Frame, region: Box, hex: string, threshold = 12): { pixels: number; meanPull: number } {
  const target = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  let pixels = 0;
  let total = 0;
  for (let y = Math.max(0, Math.floor(region[1])); y <= Math.min(before.height - 1, region[3]); y++) {
    for (let x = Math.max(0, Math.floor(region[0])); x <= Math.min(before.width - 1, region[2]); x++) {
      const i = (y * before.width + x) * 4;
      const b = [before.rgba[i]!, before.rgba[i + 1]!, before.rgba[i + 2]!];
      const a = [after.rgba[i]!, after.rgba[i + 1]!, after.rgba[i + 2]!];
      if (Math.max(...b.map((v, k) => Math.abs(v - a[k]!))) <= threshold) continue;
      pixels++;
      total += Math.hypot(...b.map((v, k) => v - target[k]!)) - Math.hypot(...a.map((v, k) => v - target[k]!));
    }
  }
  return { pixels, meanPull: pixels > 0 ? total / pixels : 0 };
}

/** The labelled lip set (e2e/fixtures/lips): photos with hand-drawn outer and inner lip outlines. */
export const LIPS_DIR = path.join(repoRoot, 'e2e', 'fixtures', 'lips');

const PointList = z.array(z.tuple([z.number(), z.number()])).min(3);
const LipSet = z.object({ faces: z.array(z.object({ file: z.string().regex(/^[a-z0-9-]+\.(jpg|png)$/), open: z.boolean(), notes: z.string(), outer: PointList, inner: PointList })).min(1) });
export type LabelledFace = z.infer<typeof LipSet>['faces'][number];

export function loadLipSet(): LabelledFace[] {
  return LipSet.parse(JSON.parse(readFileSync(path.join(LIPS_DIR, 'labels.json'), 'utf8'))).faces;
}

/** A square crop around a face's outer lip outline (image pixels: x, y, side, side) for sheets. */
export function lipCrop(face: LabelledFace, margin = 0.6): [number, number, number, number] {
  const xs = face.outer.map((p) => p[0]);
  const ys = face.outer.map((p) => p[1]);
  const side = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) * (1 + 2 * margin);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  return [Math.round(cx - side / 2), Math.round(cy - side / 2), Math.round(side), Math.round(side)];
}

/** "x,y x,y …" (the engine's debug readout of a landmark chain) as points. */
export function parseChain(value: string | undefined): Array<[number, number]> {
  return (value ?? '')
    .split(' ')
    .filter(Boolean)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
}

const pct = (v: number | null): string => (v === null ? '   –  ' : `${(100 * v).toFixed(1).padStart(5)} %`);

/** One line per face: precision, coverage, leak against the goals. */
export function formatLipScore(file: string, score: LipScore, extra = ''): string {
  const ok = score.precision >= LIP_GOALS.precision && score.coverage >= LIP_GOALS.coverage && (score.leak === null || score.leak <= LIP_GOALS.leak);
  return `${file.padEnd(18)} precision ${pct(score.precision)}  coverage ${pct(score.coverage)}  leak ${pct(score.leak)}  ${ok ? 'ok  ' : 'MISS'} ${extra}`;
}
