import type { Look } from '@shared/domain/tryon/look';
import { TryOnEngine } from '@renderer/tryon/engine';

/**
 * In-page helper for e2e/tryon-fit.spec.ts: several photos through one engine's still path, each
 * drawn with each requested look (High); the frames (RGBA, base64) and the debug readout go back.
 */
export interface FitFrame {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly rgba: string;
  readonly debug: Record<string, string>;
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

export async function renderFits(urls: readonly string[], looks: readonly Look[]): Promise<FitFrame[]> {
  const stage = document.createElement('canvas');
  stage.dataset.debug = 'on';
  document.body.append(stage);
  const engine = new TryOnEngine(stage, { quality: 'high' });
  await engine.start();
  const out: FitFrame[] = [];
  try {
    for (const url of urls) {
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
      for (const look of looks) {
        await engine.setLayers(look);
        out.push({ url, ...grab(stage), debug: { ...stage.dataset } as Record<string, string> });
      }
    }
  } finally {
    engine.dispose();
    stage.remove();
  }
  return out;
}
