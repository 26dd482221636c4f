import type { Look } from '@shared/domain/tryon/look';
import type { QualityTier } from '@shared/domain/tryon/quality';
import { TryOnEngine } from '@renderer/tryon/engine';
import { grabRgba, showPhoto } from './harness-photo';

/**
 * In-page helper for e2e/tryon-fit.spec.ts: several photos through one engine's still path, each
 * drawn with each requested look in its tier; the frames (RGBA, base64) and the debug readout go back.
 */
export interface FitFrame {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly rgba: string;
  readonly debug: Record<string, string>;
}

export async function renderFits(urls: readonly string[], looks: ReadonlyArray<Readonly<{ look: Look; quality: QualityTier }>>): Promise<FitFrame[]> {
  const stage = document.createElement('canvas');
  stage.dataset.debug = 'on';
  document.body.append(stage);
  const engine = new TryOnEngine(stage, { quality: 'high' });
  await engine.start();
  const out: FitFrame[] = [];
  try {
    for (const url of urls) {
      if (!(await showPhoto(engine, url))) throw new Error(`no face found in ${url}`);
      for (const { look, quality } of looks) {
        engine.setQuality(quality);
        await engine.setLayers(look);
        out.push({ url, ...grabRgba(stage), debug: { ...stage.dataset } as Record<string, string> });
      }
    }
  } finally {
    engine.dispose();
    stage.remove();
  }
  return out;
}
