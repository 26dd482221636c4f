import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findAttribute, type CatalogItem } from '@shared/catalog/schema';
import { itemName, shadeLabel } from '../../i18n/catalog-names';
import { LookLayers } from './LookLayers';
import { stepShade } from './look-step';
import type { StudioLookState, StudioLookView } from './studio-look';
import './look-layers.css';

export interface CatalogPanelProps {
  readonly items: readonly CatalogItem[];
  readonly view: StudioLookView;
  readonly actions: StudioLookState;
}

/**
 * The catalog list, what is on ("On now") and the current layer's swatches (a radio group: arrow
 * keys move between shades). Choosing an item puts it on in its body area and keeps the others.
 */
export function CatalogPanel({ items, view, actions }: Readonly<CatalogPanelProps>) {
  const { t } = useTranslation();
  const item = view.current?.item ?? null;
  const attributeId = view.current?.attributeId ?? null;
  const attribute = (item && attributeId !== null ? findAttribute(item, attributeId) : undefined) ?? null;
  const worn = (id: string): string | null => view.look.find((l) => l.item.id === id)?.attributeId ?? null;

  const onSwatchKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (!item || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
    // The page-wide ←/→ handler does the switching; stop here so it does not run twice.
    e.stopPropagation();
    e.preventDefault();
    const next = stepShade(item, attributeId, e.key === 'ArrowRight' ? 1 : -1);
    if (next === null) return;
    actions.shade(next);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-attribute="${next}"]`)?.focus();
  };

  return (
    <div className="studio-catalog">
      <h2 className="studio-panel__title" id="catalog-title">
        {t('catalog.title')}
      </h2>
      <ul className="studio-items" aria-labelledby="catalog-title">
        <li>
          <button type="button" className="studio-item" aria-pressed={view.look.length === 0} onClick={() => actions.clear()}>
            <span className="studio-item__kind">—</span>
            <span className="studio-item__name">{t('catalog.noLook')}</span>
          </button>
        </li>
        {items.map((i) => (
          <li key={i.id} className="studio-item-row">
            <button type="button" className="studio-item" aria-pressed={worn(i.id) !== null} aria-current={i.id === item?.id ? 'true' : undefined} onClick={() => actions.choose(i)}>
              <span className="studio-item__kind">{t(`catalog.kinds.${i.kind}`)}</span>
              <span className="studio-item__name">{itemName(i)}</span>
              <span className="studio-item__brand">{i.brand}</span>
            </button>
            {/* Siblings of the item button (a button cannot hold buttons): each dot puts the item on in that shade. */}
            <span className="studio-item__dots">
              {i.attributes.map((a) => (
                <button
                  key={a.id}
                  type="button"
                  className="studio-dot"
                  style={{ background: a.swatch }}
                  aria-label={t('catalog.shadeOf', { shade: shadeLabel(i, a) })}
                  title={shadeLabel(i, a)}
                  aria-pressed={worn(i.id) === a.id}
                  onClick={() => actions.choose(i, a.id)}
                />
              ))}
            </span>
          </li>
        ))}
      </ul>
      <LookLayers view={view} actions={actions} />
      {item && (
        <div className="studio-shades">
          <h2 className="studio-panel__title" id="shades-title">
            {t(item.materialType === 'sticker2d' ? 'catalog.shades' : 'catalog.colours')} <span className="studio-hint">{t('catalog.switchHint')}</span>
          </h2>
          <div className="studio-swatches" role="radiogroup" aria-labelledby="shades-title" onKeyDown={onSwatchKey}>
            {item.attributes.map((a) => (
              <button
                key={a.id}
                type="button"
                role="radio"
                aria-checked={a.id === attributeId}
                aria-label={shadeLabel(item, a)}
                title={shadeLabel(item, a)}
                data-attribute={a.id}
                tabIndex={a.id === attributeId ? 0 : -1}
                className="studio-swatch"
                style={{ background: a.swatch }}
                onClick={() => actions.shade(a.id)}
              />
            ))}
          </div>
          <p className="studio-shade-name" aria-live="polite">
            <span className="studio-shade-name__item">{itemName(item)}</span>
            {attribute ? ` · ${shadeLabel(item, attribute)}` : null}
            {attribute && 'finish' in attribute ? ` · ${t(`catalog.finishes.${attribute.finish}`)}` : ''}
          </p>
        </div>
      )}
    </div>
  );
}
