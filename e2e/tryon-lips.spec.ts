/// <reference lib="dom" />
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIP_GOALS, scoreLips, type LipScore } from '@shared/domain/tryon/lip-score';
import { launchStudio, type StudioSession } from './support/studio';
import type { Page } from 'playwright-core';
import { LIPS_DIR, chooseLook, formatLipScore, grab, loadLipSet, lookOf, openFile, openStudioPage } from './tryon-kit';

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
 */
const KNOWN_MISSES: Readonly<Record<string, { precision: number; coverage: number; leak: number }>> = {
  'grace-hopper.jpg': { precision: 0.97, coverage: 0.75, leak: 0 },
  'astronaut.jpg': { precision: 0.99, coverage: 0.7, leak: 0.09 },
  'jesper-2.jpg': { precision: 0.98, coverage: 0.82, leak: 0.15 },
  'qt-left.jpg': { precision: 0.86, coverage: 0.82, leak: 0.02 },
  'qt-right.jpg': { precision: 0.89, coverage: 0.9, leak: 0.11 },
  'bar2-man.jpg': { precision: 0.99, coverage: 0.7, leak: 0 },
};

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
});
