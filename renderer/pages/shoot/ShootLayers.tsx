import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '@shared/catalog/schema';
import { itemName, shadeLabel } from '../../i18n/catalog-names';
import { IntensitySlider } from '../studio/IntensitySlider';
import type { StudioLookState, StudioLookView } from '../studio/studio-look';

export type ShootLayersProps = Readonly<{
  view: StudioLookView;
  actions: StudioLookState;
}>;

/**
 * Shoot's look (issue 16 §2): every worn layer with its own shades at hand and, for makeup, its
 * intensity, acting on the Studio's own look state (so the Studio finds the changes when the
 * creator goes back). Not Studio's "On now" list: that one edits the look (remove, undo, the
 * current layer's shades below it); here, mid-take, each layer's shades are one tap away and items
 * are neither added nor removed. A tapped shade or slider makes its layer current: the one the
 * hands-free open mouth switches.
 */
export function ShootLayers({ view, actions }: ShootLayersProps) {
  const { t } = useTranslation();
  const { look, current } = view;

  const chooseShade = (item: CatalogItem, attributeId: string): void => {
    actions.select(item.id);
    actions.shade(attributeId);
  };

  return (
    <fieldset className="shoot-panel__group shoot-layers">
      <legend>{t('shoot.shades')}</legend>
      {look.length === 0 ? (
        <p className="shoot-note">{t('shoot.chooseItem')}</p>
      ) : (
        <ul className="shoot-layers__list" aria-label={t('look.layers')}>
          {look.map((layer) => {
            const { item } = layer;
            const name = itemName(item);
            const isCurrent = current?.item.id === item.id;
            return (
              <li key={item.bodyArea} className="shoot-layer" data-item={item.id} data-current={isCurrent || undefined}>
                <button
                  type="button"
                  className="shoot-layer__name"
                  aria-current={isCurrent ? 'true' : undefined}
                  title={isCurrent ? t('shoot.currentLayer') : undefined}
                  onClick={() => actions.select(item.id)}
                >
                  {name}
                  {isCurrent ? (
                    <span className="shoot-layer__dot" aria-hidden="true">
                      {' •'}
                    </span>
                  ) : null}
                </button>
                <div className="shoot-shades" role="group" aria-label={t('shoot.itemShade', { name })}>
                  {item.attributes.map((a) => (
                    <button key={a.id} type="button" className="shoot-shade" aria-pressed={a.id === layer.attributeId} data-attribute={a.id} onClick={() => chooseShade(item, a.id)}>
                      <span className="shoot-shade__swatch" style={{ background: a.swatch }} aria-hidden="true" />
                      {shadeLabel(item, a)}
                    </button>
                  ))}
                </div>
                {item.materialType === 'sticker2d' && <IntensitySlider layer={layer} name={name} onIntensity={(area, v) => actions.intensity(area, v)} className="shoot-layer__amount" />}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
