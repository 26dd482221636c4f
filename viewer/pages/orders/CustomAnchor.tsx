import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderRoutes, type CreatorPage } from '@shared/protocol/orders';
import type { Anchor, Video } from '@shared/protocol/videos';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call } from '../../client/api';
import { sortAnchors } from '../video/anchors-at';
import './orders.css';

type Service = NonNullable<CreatorPage['customization']>;

/** Whether viewers see the creator's service at all (published, receiving or not). */
export const isOffered = (service: CreatorPage['customization']): service is Service => service !== null && service.state === 'published';

/** The customization anchor: the creator's custom-video entry (profile and video page). */
export function CustomAnchor({ handle, name, service }: Readonly<{ handle: string; name: string; service: Service }>) {
  const { t, i18n } = useTranslation();
  return (
    <Link to={paths.customIntro(handle)} className="custom-anchor">
      <span className="custom-anchor-icon" aria-hidden="true">
        ✦
      </span>
      <span className="custom-anchor-text">
        <strong>{t('orders.anchor')}</strong>
        <span className="muted">{t('orders.anchorHint', { name })}</span>
      </span>
      <span className="tag">{t('orders.anchorPrice', { price: new Intl.NumberFormat(i18n.language).format(service.priceCoins) })}</span>
    </Link>
  );
}

/**
 * On a video page: the creator's custom-video entry. With try-on anchors too, one combined anchor
 * opens a presentation sheet (half the screen on a phone) listing every function of the video.
 */
export function VideoFunctions({ video, onTryOn }: Readonly<{ video: Video; onTryOn: (anchor: Anchor) => void }>) {
  const { t } = useTranslation();
  const [service, setService] = useState<Service | null>(null);
  const [sheet, setSheet] = useState(false);
  const handle = video.creator.handle;
  useEffect(() => {
    const abort = new AbortController();
    // Best effort: without the creator's page the video still shows its try-on anchors.
    call(orderRoutes.creatorPage, { params: { handle }, signal: abort.signal }).then(
      (page) => setService(isOffered(page.customization) ? page.customization : null),
      () => undefined,
    );
    return () => abort.abort();
  }, [handle]);
  useEffect(() => {
    if (!sheet) return;
    const close = (event: KeyboardEvent): void => (event.key === 'Escape' ? setSheet(false) : undefined);
    addEventListener('keydown', close);
    return () => removeEventListener('keydown', close);
  }, [sheet]);
  if (!service) return null;
  if (video.anchors.length === 0) return <CustomAnchor handle={handle} name={video.creator.displayName} service={service} />;
  const count = video.anchors.length + 1;
  return (
    <>
      <button type="button" className="combined-anchor" aria-haspopup="dialog" onClick={() => setSheet(true)}>
        <span className="custom-anchor-icon" aria-hidden="true">
          ✦
        </span>
        {t('orders.anchor')} + {t('feed.anchors', { count: video.anchors.length })}
        <span className="tag">{count}</span>
      </button>
      {sheet ? (
        <div className="sheet-backdrop" onClick={() => setSheet(false)}>
          <div className="sheet" role="dialog" aria-modal="true" aria-label={t('orders.sheetTitle')} onClick={(e) => e.stopPropagation()}>
            <header className="sheet-head">
              <h2>{t('orders.sheetTitle')}</h2>
              <button type="button" className="plain" onClick={() => setSheet(false)}>
                {t('orders.sheetClose')}
              </button>
            </header>
            <ul className="sheet-list">
              <li>
                <CustomAnchor handle={handle} name={video.creator.displayName} service={service} />
              </li>
              {sortAnchors(video.anchors).map((anchor) => (
                <li key={anchor.id}>
                  <button
                    type="button"
                    className="sheet-item"
                    onClick={() => {
                      setSheet(false);
                      onTryOn(anchor);
                    }}
                  >
                    {t('orders.tryOnItem', { label: anchor.label })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </>
  );
}
