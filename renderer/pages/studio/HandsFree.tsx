import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '@shared/catalog/schema';
import type { TryOnEngine } from '../../tryon/engine';
import { COUNTDOWN_MS } from '../../tryon/expression-controls';
import { useExpressionControls } from '../../tryon/use-expression-controls';
import { useSettings } from '../settings/settings-store';
import { stepItem, stepShade } from './look-step';
import { PhotoToast, type PhotoResult } from './PhotoToast';
import { captureAndSave } from './save-photo';

export type HandsFreeProps = Readonly<{
  engine: TryOnEngine | null;
  /** Whether a smile may take a photo now (a source, and no take running). */
  canPhoto: boolean;
  item: CatalogItem | null;
  attributeId: string | null;
  onShade: (attributeId: string) => void;
  /** The catalog and how to wear another item; without it raised brows say items change in Studio. */
  items?: readonly CatalogItem[];
  onItem?: (item: CatalogItem) => void;
  /** The page's own Take photo; without it the photo is saved here, with the same toast. */
  onPhoto?: () => void;
}>;

/**
 * Hands-free control on the stage (Settings → Hands-free): the countdown before a smile's photo and
 * a short indicator naming what fired. Goes inside `<Stage>`.
 */
export function HandsFree({ engine, canPhoto, item, attributeId, onShade, items, onItem, onPhoto }: HandsFreeProps) {
  const { t } = useTranslation();
  const settings = useSettings()?.expressionTriggers;
  const [photo, setPhoto] = useState<PhotoResult | null>(null);
  const view = useExpressionControls(
    engine,
    {
      canPhoto: () => canPhoto,
      photo: () => {
        if (onPhoto) return onPhoto();
        if (!engine) return;
        setPhoto(null);
        void captureAndSave(engine, item, attributeId).then(setPhoto);
      },
      nextShade: () => {
        const next = item ? stepShade(item, attributeId, 1) : null;
        if (next !== null) onShade(next);
        return next !== null;
      },
      nextItem: () => {
        const next = items && onItem ? stepItem(items, item?.id ?? null, 1) : null;
        if (next) onItem?.(next);
        return next !== null;
      },
    },
    settings,
  );
  const fired = view.fired;
  return (
    <>
      {view.countdown ? (
        <div className="hands-free-countdown" role="status" aria-label={t('handsFree.photoIn')} style={{ ['--countdown' as string]: `${COUNTDOWN_MS}ms` }}>
          <span className="hands-free-countdown__ring" aria-hidden="true" />
          <span className="hands-free-countdown__number">1</span>
        </div>
      ) : null}
      {fired ? (
        <p key={fired.seq} className={`hands-free-indicator hands-free-indicator--${fired.outcome}`} role="status" data-testid="hands-free-indicator">
          {t('handsFree.indicator', {
            kind: t(`handsFree.kinds.${fired.kind}`),
            outcome: fired.outcome === 'unavailable' ? t(`handsFree.unavailable.${fired.kind}`) : t(`handsFree.outcomes.${fired.outcome}`),
          })}
        </p>
      ) : null}
      {photo && <PhotoToast photo={photo} onClose={() => setPhoto(null)} />}
    </>
  );
}
