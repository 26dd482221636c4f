import { useTranslation } from 'react-i18next';
import type { BodyArea } from '@shared/catalog/schema';
import type { LookLayer } from '@shared/domain/tryon/look';
import { formatPercent } from '../../components/format';

export type IntensitySliderProps = Readonly<{
  layer: LookLayer;
  /** The item's name as shown, for the slider's accessible name. */
  name: string;
  onIntensity: (area: BodyArea, intensity: number) => void;
  /** The wrapper's and the read-out's classes (the Studio's layer list and Shoot's panel style them apart). */
  className: string;
  outputClassName?: string;
}>;

/**
 * A makeup layer's intensity, 0–100 % in steps of 5, with its percentage beside it. A drag reaches
 * the look as many changes; StudioLookState makes them one undo step and the take one journal line.
 */
export function IntensitySlider({ layer, name, onIntensity, className, outputClassName }: IntensitySliderProps) {
  const { t, i18n } = useTranslation();
  const said = formatPercent(layer.intensity, i18n.language);
  return (
    <span className={className}>
      <input
        type="range"
        min={0}
        max={100}
        step={5}
        value={Math.round(layer.intensity * 100)}
        onChange={(e) => onIntensity(layer.item.bodyArea, Number(e.target.value) / 100)}
        aria-label={t('look.intensity', { item: name })}
        aria-valuetext={said}
      />
      <output className={outputClassName} aria-hidden="true">
        {said}
      </output>
    </span>
  );
}
