/// <reference lib="dom" />
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchStudio, type StudioSession } from './support/studio';
import { FACES, chooseLook, grab, lookOf, openFile, openStudioPage, type Frame } from './tryon-kit';

/**
 * On a software renderer the compositor redraws only the look's rectangle with WebGL and copies the
 * rest of the frame (region mode); on a GPU WebGL draws the whole canvas (canvas mode). Both must
 * show the same pixels. This machine has no GPU, but canvas mode runs here too (on SwiftShader), so
 * the same photos and looks are drawn both ways and compared pixel by pixel.
 */

const CASES = [
  { face: 'grace_hopper.jpg', item: 'velvet-rouge-lipstick', split: 0 },
  { face: 'grace_hopper.jpg', item: 'sunset-lids-eyeshadow', split: 0 },
  { face: 'astronaut.png', item: 'cheek-glow-blush', split: 0 },
  { face: 'grace_hopper.jpg', item: 'round-frames', split: 0 },
  { face: 'astronaut.png', item: 'classic-fedora', split: 0 },
  // The before/after line crosses the glasses: the region's scissor must fall on the same column.
  { face: 'grace_hopper.jpg', item: 'square-frames', split: 50 },
] as const;

interface Drawn {
  readonly compositing: string;
  /** Per case: the photo with no look, and with the look. */
  readonly cases: { readonly bare: Frame; readonly look: Frame }[];
}

let studio: StudioSession;

beforeAll(async () => {
  studio = await launchStudio({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await studio?.close();
});

/** A fresh Studio engine in `mode` (the troubleshooting override), every case drawn through the UI. */
async function drawAll(mode: 'canvas' | 'region'): Promise<Drawn> {
  const { page } = studio;
  await page.evaluate((value) => localStorage.setItem('anchor.tryon.compositing', value), mode);
  // Leave the Studio (if open) so the next visit builds a new engine that reads the override.
  await page.getByRole('button', { name: 'Drafts', exact: true }).click();
  await openStudioPage(page);
  let compositing = '';
  const cases: Drawn['cases'] = [];
  for (const c of CASES) {
    expect(await openFile(page, path.join(FACES, c.face))).toBe('found');
    await chooseLook(page, null);
    const bare = await grab(page);
    compositing = bare.debug.compositing ?? '';
    await page.getByRole('slider', { name: 'Before/after split' }).fill(String(c.split));
    await chooseLook(page, lookOf(c.item));
    // The split is applied on the next draw; one more frame's time for it.
    await page.waitForTimeout(100);
    cases.push({ bare: bare.frame, look: (await grab(page)).frame });
    await page.getByRole('slider', { name: 'Before/after split' }).fill('0');
  }
  return { compositing, cases };
}

/** Pixels whose largest channel differs by more than `threshold`, and the largest difference. */
function compare(a: Frame, b: Frame, threshold: number): { differing: number; largest: number } {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let differing = 0;
  let largest = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    const d = Math.max(Math.abs(a.rgba[i]! - b.rgba[i]!), Math.abs(a.rgba[i + 1]! - b.rgba[i + 1]!), Math.abs(a.rgba[i + 2]! - b.rgba[i + 2]!));
    if (d > largest) largest = d;
    if (d > threshold) differing++;
  }
  return { differing, largest };
}

describe('region compositing (software WebGL) against whole-canvas WebGL', () => {
  it('draws the same pixels for makeup, glasses and a hat, with and without the before/after split', async () => {
    const region = await drawAll('region');
    const canvas = await drawAll('canvas');
    expect(region.compositing).toBe('region');
    expect(canvas.compositing).toBe('canvas');
    const report: string[] = [];
    for (const [k, c] of CASES.entries()) {
      const r = region.cases[k]!;
      const w = canvas.cases[k]!;
      // The photo itself is copied exactly either way.
      expect(compare(r.bare, w.bare, 0).differing, `${c.face}: the bare photo`).toBe(0);
      const touched = compare(w.bare, w.look, 0).differing;
      const { differing, largest } = compare(r.look, w.look, 8);
      report.push(`${c.item}${c.split ? ` split ${c.split}%` : ''}: ${touched} px drawn, ${differing} differ by > 8, largest ${largest}`);
      // The look is really there. A rectangle in the wrong place, cut short or mirrored wrongly
      // would leave whole strokes of the look missing (differences of 100+); what remains is a
      // different projection's rounding: triangle edges through pixel centres, a few levels of shading.
      expect(touched, `${c.item}: pixels the look changed`).toBeGreaterThan(200);
      expect(largest, report.at(-1)).toBeLessThanOrEqual(48);
      expect(differing, report.at(-1)).toBeLessThanOrEqual(Math.ceil(touched * 0.05));
    }
    console.log(`region vs canvas compositing:\n  ${report.join('\n  ')}`);
  });
});
