import type { CatalogItem } from '@shared/catalog/schema';
import { TryOnEngine } from '@renderer/tryon/engine';
import { grabRgba, showPhoto } from './harness-photo';

/**
 * In-page half of the lips check (bench/tryon-lips.ts): each labelled photo through the engine's
 * still path, drawn without a look and with the lipstick; the frames go back to Node to be scored
 * against the hand-drawn outlines (shared/domain/tryon/lip-score.ts).
 */

export interface LipFrames {
  readonly name: string;
  readonly present: boolean;
  readonly width: number;
  readonly height: number;
  /** RGBA, base64. */
  readonly before: string;
  readonly after: string;
  /** The engine's debug readout of the lipstick frame (lip contours, yaw, tracker). */
  readonly debug: Record<string, string>;
  /** Drawing the lipstick on the still (setLook → pixels), ms. */
  readonly drawMs: number;
  /** From the photo opened to its second pass (the 478-point lips) done, ms; 0 without one. */
  readonly refineMs: number;
}

/**
 * `refine`: the lip mask refined from the image (else the landmark band); `refinedStills`: the
 * stills' second pass with the 478-point lips (else the tracker's 468 points).
 */
export async function lipFrames(photos: readonly string[], item: CatalogItem, attributeId: string, refine: boolean, refinedStills = true): Promise<LipFrames[]> {
  const stage = document.createElement('canvas');
  stage.dataset.debug = 'on';
  document.body.append(stage);
  const engine = new TryOnEngine(stage, { refinedStills });
  engine.setLipRefinement(refine);
  await engine.start();
  const out: LipFrames[] = [];
  for (const url of photos) {
    const name = url.slice(url.lastIndexOf('/') + 1);
    await engine.setLook(null, null);
    const opened = performance.now();
    // Resolves once the second pass (478-point lips) is redrawn, if there is one.
    const present = await showPhoto(engine, url);
    const refineMs = engine.lipPass === 'tracker' ? 0 : performance.now() - opened;
    await engine.setLook(null, null);
    const before = grabRgba(stage);
    const t0 = performance.now();
    await engine.setLook(item, attributeId);
    const after = grabRgba(stage);
    const drawMs = performance.now() - t0;
    out.push({ name, present, width: before.width, height: before.height, before: before.rgba, after: after.rgba, debug: { ...stage.dataset } as Record<string, string>, drawMs, refineMs });
  }
  engine.dispose();
  stage.remove();
  return out;
}

export interface SheetCell {
  readonly url: string;
  /** Crop in image pixels: x, y, width, height. */
  readonly crop: readonly [number, number, number, number];
  readonly label: string;
  /** Polygons in image pixels with their stroke colour. */
  readonly polygons: ReadonlyArray<{ readonly points: ReadonlyArray<readonly [number, number]>; readonly colour: string }>;
  /** The lipstick frame (RGBA base64, width × height), drawn instead of the photo when given. */
  readonly frame?: { readonly width: number; readonly height: number; readonly base64: string };
}

/** A contact sheet (PNG, base64): each cell a crop scaled to `cell` px with its outlines drawn over. */
export async function lipSheet(cells: readonly SheetCell[], cell: number, columns: number): Promise<string> {
  const rows = Math.ceil(cells.length / columns);
  const sheet = document.createElement('canvas');
  sheet.width = columns * cell;
  sheet.height = rows * (cell + 18);
  const ctx = sheet.getContext('2d')!;
  ctx.fillStyle = '#0e0f13';
  ctx.fillRect(0, 0, sheet.width, sheet.height);
  for (const [i, c] of cells.entries()) {
    let source: CanvasImageSource;
    if (c.frame) {
      const bytes = Uint8ClampedArray.from(atob(c.frame.base64), (ch) => ch.charCodeAt(0));
      source = await createImageBitmap(new ImageData(bytes, c.frame.width, c.frame.height));
    } else {
      source = await createImageBitmap(await (await fetch(c.url)).blob());
    }
    const x0 = (i % columns) * cell;
    const y0 = Math.floor(i / columns) * (cell + 18);
    const [cx, cy, cw, ch] = c.crop;
    const scale = cell / Math.max(cw, ch);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(source, cx, cy, cw, ch, x0, y0, cw * scale, ch * scale);
    for (const polygon of c.polygons) {
      ctx.strokeStyle = polygon.colour;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (const [k, [px, py]] of polygon.points.entries()) {
        const X = x0 + (px - cx + 0.5) * scale;
        const Y = y0 + (py - cy + 0.5) * scale;
        if (k === 0) ctx.moveTo(X, Y);
        else ctx.lineTo(X, Y);
      }
      ctx.closePath();
      ctx.stroke();
    }
    ctx.fillStyle = '#e8e8ea';
    ctx.font = '12px sans-serif';
    ctx.fillText(c.label, x0 + 4, y0 + cell + 13);
  }
  const blob = await new Promise<Blob | null>((resolve) => sheet.toBlob(resolve, 'image/png'));
  const bytes = new Uint8Array(await blob!.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
