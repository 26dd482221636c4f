import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findAttribute, type CatalogItem } from '@shared/catalog/schema';
import { itemName, shadeLabel } from '../../i18n/catalog-names';
import { stepShade } from './look-step';

export interface CatalogPanelProps {
  readonly items: readonly CatalogItem[];
  readonly itemId: string | null;
  readonly attributeId: string | null;
  readonly onItem: (item: CatalogItem | null) => void;
  readonly onAttribute: (attributeId: string) => void;
}

/** The catalog list and the chosen item's swatches (a radio group: arrow keys move between shades). */
export function CatalogPanel({ items, itemId, attributeId, onItem, onAttribute }: Readonly<CatalogPanelProps>) {
  const { t } = useTranslation();
  const item = items.find((i) => i.id === itemId) ?? null;
  const attribute = (item && attributeId !== null ? findAttribute(item, attributeId) : undefined) ?? null;

  const onSwatchKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (!item || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
    // The page-wide ←/→ handler does the switching; stop here so it does not run twice.
    e.stopPropagation();
    e.preventDefault();
    const next = stepShade(item, attributeId, e.key === 'ArrowRight' ? 1 : -1);
    if (next === null) return;
    onAttribute(next);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-attribute="${next}"]`)?.focus();
  };

  return (
    <div className="studio-catalog">
      <h2 className="studio-panel__title" id="catalog-title">
        {t('catalog.title')}
      </h2>
      <ul className="studio-items" aria-labelledby="catalog-title">
        <li>
          <button type="button" className="studio-item" aria-pressed={itemId === null} onClick={() => onItem(null)}>
            <span className="studio-item__kind">—</span>
            <span className="studio-item__name">{t('catalog.noLook')}</span>
          </button>
        </li>
        {items.map((i) => (
          <li key={i.id} className="studio-item-row">
            <button type="button" className="studio-item" aria-pressed={i.id === itemId} onClick={() => onItem(i)}>
              <span className="studio-item__kind">{t(`catalog.kinds.${i.kind}`)}</span>
              <span className="studio-item__name">{itemName(i)}</span>
              <span className="studio-item__brand">{i.brand}</span>
            </button>
            {/* Siblings of the item button (a button cannot hold buttons): each dot wears the item in that shade. */}
            <span className="studio-item__dots">
              {i.attributes.map((a) => (
                <button
                  key={a.id}
                  type="button"
                  className="studio-dot"
                  style={{ background: a.swatch }}
                  aria-label={t('catalog.shadeOf', { shade: shadeLabel(i, a) })}
                  title={shadeLabel(i, a)}
                  aria-pressed={i.id === itemId && a.id === attributeId}
                  onClick={() => {
                    // Choosing the item first selects its first shade; the dot's shade then wins (one batched render).
                    if (i.id !== itemId) onItem(i);
                    onAttribute(a.id);
                  }}
                />
              ))}
            </span>
          </li>
        ))}
      </ul>
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
                onClick={() => onAttribute(a.id)}
              />
            ))}
          </div>
          <p className="studio-shade-name" aria-live="polite">
            {attribute ? shadeLabel(item, attribute) : null}
            {attribute && 'finish' in attribute ? ` · ${t(`catalog.finishes.${attribute.finish}`)}` : ''}
          </p>
        </div>
      )}
    </div>
  );
}
