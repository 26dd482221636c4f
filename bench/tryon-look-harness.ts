import type { Look } from '../shared/domain/tryon/look';
import type { QualitySetting } from '../shared/domain/tryon/quality';
import { TryOnEngine } from '../renderer/tryon/engine';

/**
 * In-page helper for e2e/tryon-looks.spec.ts: one photo through the engine's still path, drawn with
 * each requested layered look at each quality; the frames (RGBA, base64) and the debug readout go
 * back to Node.
 */
export interface LookFrame {
  readonly width: number;
  readonly height: number;
  readonly rgba: string;
  readonly debug: Record<string, string>;
  readonly tier: string;
}

function grab(canvas: HTMLCanvasElement): { width: number; height: number; rgba: string } {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d')!;
  ctx.drawImage(canvas, 0, 0);
  const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return { width: copy.width, height: copy.height, rgba: btoa(binary) };
}

export async function renderLooks(url: string, requests: ReadonlyArray<Readonly<{ look: Look; quality: QualitySetting }>>): Promise<LookFrame[]> {
  const stage = document.createElement('canvas');
  stage.dataset.debug = 'on';
  document.body.append(stage);
  const engine = new TryOnEngine(stage);
  await engine.start();
  const blob = await (await fetch(url)).blob();
  const decided = new Promise<boolean>((resolve) => {
    const off = engine.on((event) => {
      if (event.type === 'face' || event.type === 'error') {
        off();
        resolve(event.type === 'face' && event.present);
      }
    });
  });
  await engine.useFile(new File([blob], url.slice(url.lastIndexOf('/') + 1), { type: blob.type }));
  if (!(await decided)) throw new Error(`no face found in ${url}`);
  const out: LookFrame[] = [];
  for (const { look, quality } of requests) {
    engine.setQuality(quality);
    await engine.setLayers(look);
    out.push({ ...grab(stage), debug: { ...stage.dataset } as Record<string, string>, tier: engine.quality.tier });
  }
  engine.dispose();
  stage.remove();
  return out;
}
