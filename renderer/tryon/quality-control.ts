import { AUTO_SAMPLE_FRAMES, chooseQuality, median, type QualitySetting, type QualityTier } from '@shared/domain/tryon/quality';
import { hasHardwareWebgl } from './gpu';

/**
 * The engine's rendering quality (shared/domain/tryon/quality.ts): the user's setting and the tier
 * drawing now. Auto on a software rasteriser draws High for the first live frames with a 3D look,
 * samples their drawing time against inference, and decides once; `apply` switches the materials.
 */
export class QualityControl {
  private current: QualitySetting = 'auto';
  private shown: QualityTier = 'high';
  private readonly drawMs = new Float64Array(AUTO_SAMPLE_FRAMES);
  private readonly inferenceMs = new Float64Array(AUTO_SAMPLE_FRAMES);
  private samples = 0;

  constructor(
    setting: QualitySetting,
    private readonly apply: (tier: QualityTier) => void,
  ) {
    this.set(setting);
  }

  get setting(): QualitySetting {
    return this.current;
  }

  get tier(): QualityTier {
    return this.shown;
  }

  set(setting: QualitySetting): void {
    this.current = setting;
    this.samples = 0;
    this.show(chooseQuality({ setting, softwareRenderer: !hasHardwareWebgl(), highDrawMs: null, inferenceMs: null }));
  }

  /** One live frame drawn with a 3D look in view: its drawing and inference times (ms). */
  sample(drawMs: number, inferenceMs: number): void {
    if (this.current !== 'auto' || this.shown !== 'high' || this.samples >= AUTO_SAMPLE_FRAMES || hasHardwareWebgl()) return;
    this.drawMs[this.samples] = drawMs;
    this.inferenceMs[this.samples] = inferenceMs;
    this.samples++;
    if (this.samples < AUTO_SAMPLE_FRAMES) return;
    this.show(chooseQuality({ setting: 'auto', softwareRenderer: true, highDrawMs: median(this.drawMs, this.samples), inferenceMs: median(this.inferenceMs, this.samples) }));
  }

  private show(tier: QualityTier): void {
    this.shown = tier;
    this.apply(tier);
  }
}
