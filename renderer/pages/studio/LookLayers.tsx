import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findAttribute } from '@shared/catalog/schema';
import type { LookLayer } from '@shared/domain/tryon/look';
import { itemName, shadeLabel } from '../../i18n/catalog-names';
import { withShortcut } from '../shoot/use-hotkeys';
import { IntensitySlider } from './IntensitySlider';
import type { StudioLookState, StudioLookView } from './studio-look';

export type LookLayersProps = Readonly<{ view: StudioLookView; actions: StudioLookState }>;

/**
 * "On now": the look's layers, one per body area, each with its shade, an intensity slider for
 * makeup and a remove button; clicking a layer makes it current (the shades below are its). Undo
 * and redo sit in the header (Ctrl+Z / Ctrl+Shift+Z work anywhere on the page).
 */
export function LookLayers({ view, actions }: LookLayersProps) {
  const { t } = useTranslation();
  const { look, current } = view;
  // Said once after a remove, so a screen reader hears what happened to the row that vanished.
  const [said, setSaid] = useState('');
  const section = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const currentId = current?.item.id;

  // A fuller look scrolls inside the list: keep the current layer's row in view when it changes.
  useEffect(() => {
    const ul = list.current;
    const row = ul?.querySelector<HTMLElement>('[data-current]');
    if (!ul || !row) return;
    if (row.offsetTop < ul.scrollTop) ul.scrollTop = row.offsetTop;
    else if (row.offsetTop + row.offsetHeight > ul.scrollTop + ul.clientHeight) ul.scrollTop = row.offsetTop + row.offsetHeight - ul.clientHeight;
  }, [currentId, look.length]);

  const remove = (layer: LookLayer, index: number): void => {
    actions.remove(layer.item.bodyArea);
    setSaid(t('look.removed', { item: itemName(layer.item) }));
    // The row and its button are gone: keep the keyboard in the list (the next row's ×, else Undo).
    requestAnimationFrame(() => {
      const left = section.current?.querySelectorAll<HTMLButtonElement>('.studio-layer__remove');
      (left?.[Math.min(index, left.length - 1)] ?? section.current?.querySelector<HTMLButtonElement>('.studio-layers__history button:not(:disabled)'))?.focus();
    });
  };

  return (
    <section className="studio-layers" aria-labelledby="layers-title" ref={section}>
      <div className="studio-layers__head">
        <h2 className="studio-panel__title" id="layers-title">
          {t('look.onNow')} {look.length > 0 && <span className="studio-hint">{t('look.count', { count: look.length })}</span>}
        </h2>
        <span className="studio-layers__history">
          <button
            type="button"
            className="studio-icon"
            disabled={!view.canUndo}
            onClick={() => actions.undo()}
            aria-label={t('look.undo')}
            title={withShortcut(t('look.undo'), 'Ctrl+Z')}
            aria-keyshortcuts="Control+Z"
          >
            <span aria-hidden="true">↶</span>
          </button>
          <button
            type="button"
            className="studio-icon"
            disabled={!view.canRedo}
            onClick={() => actions.redo()}
            aria-label={t('look.redo')}
            title={withShortcut(t('look.redo'), 'Ctrl+Shift+Z')}
            aria-keyshortcuts="Control+Shift+Z Control+Y"
          >
            <span aria-hidden="true">↷</span>
          </button>
        </span>
      </div>
      {look.length === 0 ? (
        <p className="studio-layers__empty">{t('look.empty')}</p>
      ) : (
        <ul className="studio-layers__list" aria-label={t('look.layers')} ref={list}>
          {look.map((layer, index) => {
            const name = itemName(layer.item);
            const attribute = findAttribute(layer.item, layer.attributeId);
            const shade = attribute ? shadeLabel(layer.item, attribute) : layer.attributeId;
            const isCurrent = current?.item.id === layer.item.id;
            return (
              <li key={layer.item.bodyArea} className="studio-layer" data-current={isCurrent || undefined} data-item={layer.item.id}>
                <button
                  type="button"
                  className="studio-layer__pick"
                  aria-current={isCurrent ? 'true' : undefined}
                  title={isCurrent ? t('look.current') : undefined}
                  aria-keyshortcuts="Delete"
                  onClick={() => actions.select(layer.item.id)}
                  onKeyDown={(e) => {
                    // Delete on a focused layer takes it off, as its × does.
                    if (e.key !== 'Delete') return;
                    e.preventDefault();
                    remove(layer, index);
                  }}
                >
                  <span className="studio-layer__swatch" style={{ background: attribute?.swatch }} aria-hidden="true" />
                  <span className="studio-layer__name">{name}</span>
                  <span className="studio-layer__meta">
                    {t('look.meta', { kind: t(`catalog.kinds.${layer.item.kind}`), shade })}
                    {layer.item.materialType === 'model3d' && <span title={t('look.drawnWholeHelp')}> · {t('look.drawnWhole')}</span>}
                  </span>
                </button>
                <button
                  type="button"
                  className="studio-icon studio-layer__remove"
                  onClick={() => remove(layer, index)}
                  aria-label={t('look.remove', { item: name })}
                  title={t('look.remove', { item: name })}
                >
                  <span aria-hidden="true">×</span>
                </button>
                {layer.item.materialType === 'sticker2d' && (
                  <IntensitySlider layer={layer} name={name} onIntensity={(area, v) => actions.intensity(area, v)} className="studio-layer__amount" outputClassName="studio-layer__percent" />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="studio-sr-only" role="status">
        {said}
      </p>
    </section>
  );
}
