import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CatalogItem } from '@shared/catalog/schema';
import { LIP_GOALS, scoreLips, type LipScore } from '@shared/domain/tryon/lip-score';
import { TEST_OUTPUT, formatLipScore, lipCrop, loadLipSet, parseChain, type LabelledFace } from '../e2e/tryon-kit';
import type { LipFrames, SheetCell } from './tryon-lips-harness';

/** One face of a `LIPS_DUMP` file: the frame as the bench read it and the tracked lip contours (read offline by tryon-lips-offline.ts and tryon-lip-mask-speed.ts). */
export interface LipsDumpFace {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  /** The frame's RGBA bytes before the look, base64. */
  readonly before: string;
  readonly outer: Array<[number, number]>;
  readonly inner: Array<[number, number]>;
}

export interface LipRow {
  readonly face: LabelledFace;
  readonly present: boolean;
  readonly score: LipScore;
  readonly yaw: string;
  readonly drawMs: number;
  /** The still's second pass (debug readout `data-lip-pass`) and how long after opening it was redrawn. */
  readonly lipPass: string;
  readonly refineMs: number;
}

type LipWindow = {
  lipFrames: (photos: readonly string[], item: CatalogItem, attributeId: string, refine: boolean, refinedStills: boolean) => Promise<LipFrames[]>;
  lipSheet: (cells: readonly SheetCell[], cell: number, columns: number) => Promise<string>;
};

/**
 * The labelled lip set through the engine on a page that serves the photos under /lips/ and exposes
 * lipFrames/lipSheet (bench/tryon-page.html): scores every face and writes a contact sheet
 * (hand-drawn outer outline yellow, inner green; the tracked contours blue) to test-output/tryon.
 */
export async function scoreLipSet(page: Page, lipstick: CatalogItem, attributeId: string, refine = true, refinedStills = true): Promise<LipRow[]> {
  const faces = loadLipSet();
  const frames = await page.evaluate(([urls, item, attribute, refine, refinedStills]) => (window as unknown as LipWindow).lipFrames(urls, item, attribute, refine, refinedStills), [
    faces.map((f) => `/lips/${f.file}`),
    lipstick,
    attributeId,
    refine,
    refinedStills,
  ] as const);
  const rows: LipRow[] = [];
  const cells: SheetCell[] = [];
  for (const [i, face] of faces.entries()) {
    const frame = frames[i]!;
    const before = new Uint8Array(Buffer.from(frame.before, 'base64'));
    const after = new Uint8Array(Buffer.from(frame.after, 'base64'));
    const score = scoreLips(before, after, frame.width, frame.height, face);
    rows.push({ face, present: frame.present, score, yaw: frame.debug.yaw ?? '?', drawMs: frame.drawMs, lipPass: frame.debug.lipPass ?? '?', refineMs: frame.refineMs });
    const crop = lipCrop(face);
    const tracked = [
      { points: parseChain(frame.debug.lipsOuter), colour: '#4aa3ff' },
      { points: parseChain(frame.debug.lipsInner), colour: '#4aa3ff' },
    ];
    const labelled = [
      { points: face.outer, colour: '#ffe14a' },
      { points: face.inner, colour: '#4aff6a' },
    ];
    cells.push({ url: `/lips/${face.file}`, crop, label: `${face.file} photo`, polygons: [...labelled, ...tracked] });
    cells.push({
      url: `/lips/${face.file}`,
      crop,
      label: `${(100 * score.precision).toFixed(0)} / ${(100 * score.coverage).toFixed(0)} / ${score.leak === null ? '–' : (100 * score.leak).toFixed(0)} %`,
      polygons: labelled,
      frame: { width: frame.width, height: frame.height, base64: frame.after },
    });
  }
  // Troubleshooting: the raw frames and tracked contours, to try mask ideas offline.
  if (process.env.LIPS_DUMP)
    writeFileSync(
      process.env.LIPS_DUMP,
      JSON.stringify(
        frames.map((f, i): LipsDumpFace => ({ file: faces[i]!.file, width: f.width, height: f.height, before: f.before, outer: parseChain(f.debug.lipsOuter), inner: parseChain(f.debug.lipsInner) })),
      ),
    );
  const sheet = await page.evaluate(([cells]) => (window as unknown as LipWindow).lipSheet(cells, 240, 4), [cells] as const);
  mkdirSync(TEST_OUTPUT, { recursive: true });
  writeFileSync(path.join(TEST_OUTPUT, !refine ? 'lips-sheet-band-only.png' : refinedStills ? 'lips-sheet.png' : 'lips-sheet-468.png'), Buffer.from(sheet, 'base64'));
  return rows;
}

export function printLipRows(rows: readonly LipRow[], what: string): void {
  console.log(
    `lips (${what}) on the labelled set (e2e/fixtures/lips, ${rows.length} faces), strong matte red; goals: precision ≥ ${LIP_GOALS.precision * 100} %, coverage ≥ ${LIP_GOALS.coverage * 100} %, leak ≤ ${LIP_GOALS.leak * 100} % (open mouths):`,
  );
  for (const row of rows) {
    const pass = row.lipPass === 'refined' ? `; 478-point lips redrawn ${row.refineMs.toFixed(0)} ms after opening` : row.lipPass === 'tracker' ? '' : `; lips: ${row.lipPass}`;
    console.log(`    ${formatLipScore(row.face.file, row.score, `yaw ${row.yaw}°${row.present ? '' : ' NO FACE'}; drawn in ${row.drawMs.toFixed(0)} ms${pass}`)}`);
  }
  const worst = (pick: (s: LipScore) => number | null, min: boolean): string => {
    const values = rows.map((r) => pick(r.score)).filter((v): v is number => v !== null);
    return `${(100 * (min ? Math.min(...values) : Math.max(...values))).toFixed(1)} %`;
  };
  console.log(`    worst: precision ${worst((s) => s.precision, true)}, coverage ${worst((s) => s.coverage, true)}, leak ${worst((s) => s.leak, false)}; sheet in test-output/tryon/`);
}
