import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '@shared/catalog/schema';
import { MAX_EXTRA_LINKS, type PlacedAnchor } from '@shared/domain/anchors/anchor-set';

export type LinkedItemsProps = Readonly<{
  anchor: PlacedAnchor | null;
  catalog: readonly CatalogItem[];
  onChange: (itemIds: readonly string[]) => void;
}>;

/** "This look": more catalog items the selected anchor opens together in the try-on (up to four). */
export function LinkedItems({ anchor, catalog, onChange }: LinkedItemsProps) {
  const { t } = useTranslation();
  if (!anchor) return null;
  const linked = anchor.extraItemIds ?? [];
  return (
    <fieldset className="post-group">
      <legend>{t('post.links.title', { label: anchor.label })}</legend>
      <div className="post-offers">
        {catalog
          .filter((i) => i.id !== anchor.itemId)
          .map((i) => {
            const on = linked.includes(i.id);
            return (
              <label key={i.id} className={on ? 'offer is-on' : 'offer'}>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && linked.length >= MAX_EXTRA_LINKS}
                  onChange={() => onChange(on ? linked.filter((id) => id !== i.id) : [...linked, i.id])}
                  aria-label={t('post.links.item', { name: i.name, label: anchor.label })}
                />
                {i.name}
              </label>
            );
          })}
      </div>
      <p className="post-note">{t('post.links.hint', { count: MAX_EXTRA_LINKS })}</p>
    </fieldset>
  );
}
