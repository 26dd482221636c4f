/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBenchPage } from '../bench/tryon';
import type { LookFrame } from '../bench/tryon-look-harness';
import type { SheetCell } from '../bench/tryon-lips-harness';
import { EMPTY_LOOK, withIntensity, withLayer, withoutArea, type Look } from '@shared/domain/tryon/look';
import type { QualitySetting } from '@shared/domain/tryon/quality';
import { erode, rasterPolygon } from '@shared/domain/tryon/lip-score';
import { TEST_OUTPUT, catalog, difference, expand, parseBox, parseChain, type Frame } from './tryon-kit';

/**
 * Layered looks and rendering tiers at the engine level (issue 16 §2, §6), on the engine page the
 * benchmark builds (the studio's UI does not offer layers or the quality setting yet): a full look
 * (lips + eyes + cheeks + glasses) on a real face, one layer removed, one at half intensity, the same
 * in High and Fast, and a hat with glasses. Writes test-output/tryon/looks-sheet.png.
 */
const item = (id: string) => catalog.items.find((i) => i.id === id)!;
let full: Look = EMPTY_LOOK;
for (const [id, shade] of [
  ['velvet-rouge-lipstick', 'classic-red'],
  ['sunset-lids-eyeshadow', 'smoky-plum'],
  ['cheek-glow-blush', 'berry-flush'],
  ['round-frames', 'gold'],
] as const)
  full = withLayer(full, item(id), shade);
const hatAndGlasses = withLayer(withLayer(EMPTY_LOOK, item('classic-fedora'), 'camel'), item('square-frames'), 'black');

const REQUESTS: ReadonlyArray<{ name: string; look: Look; quality: QualitySetting }> = [
  { name: 'no look', look: EMPTY_LOOK, quality: 'high' },
  { name: 'full look, High', look: full, quality: 'high' },
  { name: 'full look without lips', look: withoutArea(full, 'lips'), quality: 'high' },
  { name: 'full look, lips at 50 %', look: withIntensity(full, 'lips', 0.5), quality: 'high' },
  { name: 'full look, Fast', look: full, quality: 'fast' },
  { name: 'hat + glasses, High', look: hatAndGlasses, quality: 'high' },
  { name: 'hat + glasses, Fast', look: hatAndGlasses, quality: 'fast' },
  { name: 'eyeshadow alone', look: withLayer(EMPTY_LOOK, item('sunset-lids-eyeshadow'), 'smoky-plum'), quality: 'high' },
];

let frames: Array<LookFrame & { frame: Frame }> = [];

beforeAll(async () => {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  await withBenchPage(async (page: Page) => {
    const raw = await page.evaluate(([requests]) => (window as unknown as { renderLooks: (url: string, r: unknown) => Promise<LookFrame[]> }).renderLooks('/faces/grace_hopper.jpg', requests), [
      REQUESTS.map(({ look, quality }) => ({ look, quality })),
    ] as const);
    frames = raw.map((f) => ({ ...f, frame: { width: f.width, height: f.height, rgba: new Uint8Array(Buffer.from(f.rgba, 'base64')) } }));
    const eyes = parseBox(raw[1]!.debug.eyes);
    const side = (eyes[2] - eyes[0]) * 2.6;
    const cx = (eyes[0] + eyes[2]) / 2;
    const cells: SheetCell[] = raw.map((f, i) => ({
      url: '',
      crop: [Math.round(cx - side / 2), Math.round(eyes[1] - side * 0.45), Math.round(side), Math.round(side)],
      label: `${REQUESTS[i]!.name} (${f.tier})`,
      polygons: [],
      frame: { width: f.width, height: f.height, base64: f.rgba },
    }));
    const sheet = await page.evaluate(([cells]) => (window as unknown as { lipSheet: (c: unknown, cell: number, columns: number) => Promise<string> }).lipSheet(cells, 300, 4), [cells] as const);
    writeFileSync(path.join(TEST_OUTPUT, 'looks-sheet.png'), Buffer.from(sheet, 'base64'));
  });
}, 240_000);

afterAll(() => {
  frames = [];
});

describe('layered looks and rendering tiers (engine page)', () => {
  it('draws every layer of a full look at once, each in its own place', () => {
    const [none, look] = [frames[0]!, frames[1]!];
    expect(look.debug.look).toBe('cheek-glow-blush/berry-flush+sunset-lids-eyeshadow/smoky-plum+velvet-rouge-lipstick/classic-red+round-frames/gold');
    for (const area of ['lips', 'eyes', 'cheeks'] as const) {
      const box = parseBox(look.debug[area]);
      expect(difference(none.frame, look.frame, box, 6).changedInside, area).toBeGreaterThan(150);
    }
  });

  it('removing the lips leaves every other pixel of the look as it was', () => {
    const [none, look, withoutLips] = [frames[0]!, frames[1]!, frames[2]!];
    const lips = expand(parseBox(look.debug.lips), 0.1, 4);
    const changed = difference(look.frame, withoutLips.frame, lips, 12);
    // Outside the lips only the glasses' edge may move by a projection's rounding: the redrawn region
    // (region compositing) is smaller without the lips (see renderer/tryon/README.md).
    expect(changed.changedOutside).toBeLessThan(20);
    expect(changed.changedInside).toBeGreaterThan(200);
    // And the lips are back to the bare photo.
    expect(difference(none.frame, withoutLips.frame, lips, 2).changedInside).toBe(0);
  });

  it('half intensity colours the lips about half as much', () => {
    const [none, look, , half] = [frames[0]!, frames[1]!, frames[2]!, frames[3]!];
    const lips = parseBox(look.debug.lips);
    const moved = (after: Frame): number => {
      let sum = 0;
      for (let y = Math.ceil(lips[1]); y <= lips[3]; y++) {
        for (let x = Math.ceil(lips[0]); x <= lips[2]; x++) {
          const i = (y * after.width + x) * 4;
          sum += Math.abs(after.rgba[i + 1]! - none.frame.rgba[i + 1]!);
        }
      }
      return sum;
    };
    const ratio = moved(half.frame) / moved(look.frame);
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
  });

  it('Fast keeps the makeup and draws the glasses with flat materials', () => {
    const [none, high, , , fast] = [frames[0]!, frames[1]!, frames[2]!, frames[3]!, frames[4]!];
    expect(high.tier).toBe('high');
    expect(fast.tier).toBe('fast');
    const eyes = expand(parseBox(high.debug.eyes), 0.6, 10);
    // Glasses drawn in both tiers …
    expect(difference(none.frame, fast.frame, eyes, 12).changedInside).toBeGreaterThan(400);
    // … with different materials (gold without the room's reflections) …
    expect(difference(high.frame, fast.frame, eyes, 12).changedInside).toBeGreaterThan(50);
    // … and the lips are the same makeup.
    expect(difference(high.frame, fast.frame, parseBox(high.debug.lips), 0).changedInside).toBe(0);
  });

  it('wears a hat and glasses together, in both tiers', () => {
    const [none, , , , , high, fast] = frames;
    expect(high!.debug.look).toBe('square-frames/black+classic-fedora/camel');
    const eyes = parseBox(high!.debug.eyes);
    const above: readonly [number, number, number, number] = [eyes[0], 0, eyes[2], eyes[1] - (eyes[3] - eyes[1]) * 2];
    for (const frame of [high!, fast!]) {
      expect(difference(none!.frame, frame.frame, above, 12).changedInside).toBeGreaterThan(2000);
      expect(difference(none!.frame, frame.frame, expand(eyes, 0.2, 6), 12).changedInside).toBeGreaterThan(300);
    }
  });

  it('Fast draws the hat, the glasses and the head occluder with lighter meshes of the same shapes', () => {
    const [none, , , , , high, fast] = frames;
    const triangles = (frame: LookFrame) => Number(frame.debug.triangles);
    // Fast's tessellation (scripts/accessories/geometry.ts): under half of High's triangles …
    expect(triangles(high!)).toBeGreaterThan(5000);
    expect(triangles(fast!)).toBeGreaterThan(1000);
    expect(triangles(fast!)).toBeLessThan(0.5 * triangles(high!));
    // … and the same silhouettes: the pixels the look changed in each tier nearly coincide.
    const { width, height, rgba } = none!.frame;
    const changed = (frame: Frame): Uint8Array => {
      const mask = new Uint8Array(width * height);
      for (let p = 0; p < mask.length; p++) {
        const i = p * 4;
        mask[p] = Math.max(Math.abs(frame.rgba[i]! - rgba[i]!), Math.abs(frame.rgba[i + 1]! - rgba[i + 1]!), Math.abs(frame.rgba[i + 2]! - rgba[i + 2]!)) > 24 ? 1 : 0;
      }
      return mask;
    };
    const [a, b] = [changed(high!.frame), changed(fast!.frame)];
    let both = 0;
    let either = 0;
    for (let p = 0; p < a.length; p++) {
      both += a[p]! & b[p]!;
      either += a[p]! | b[p]!;
    }
    console.log(`hat + glasses: ${triangles(high!)} triangles High, ${triangles(fast!)} Fast; changed pixels ${either}, overlap ${(both / either).toFixed(3)}`);
    expect(either).toBeGreaterThan(5000);
    expect(both / either).toBeGreaterThan(0.9);
  });

  it('eyeshadow colours the lids and leaves the eyes themselves (iris, sclera) untouched', () => {
    const [none, shadow] = [frames[0]!, frames[7]!];
    const { width, height } = shadow.frame;
    let inside = 0;
    let changedInside = 0;
    for (const side of ['eyeRight', 'eyeLeft'] as const) {
      // The eye opening between the lids, 1 px in from the lash line (the band's edge is antialiased).
      const opening = erode(rasterPolygon(parseChain(shadow.debug[side]), width, height), width, height, 1);
      for (let p = 0; p < opening.length; p++) {
        if (!opening[p]) continue;
        inside++;
        const i = p * 4;
        if (
          Math.max(
            Math.abs(none.frame.rgba[i]! - shadow.frame.rgba[i]!),
            Math.abs(none.frame.rgba[i + 1]! - shadow.frame.rgba[i + 1]!),
            Math.abs(none.frame.rgba[i + 2]! - shadow.frame.rgba[i + 2]!),
          ) > 2
        )
          changedInside++;
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(changedInside).toBe(0);
    // And the lids did change.
    expect(difference(none.frame, shadow.frame, parseBox(shadow.debug.eyes), 6).changedInside).toBeGreaterThan(300);
  });
});
