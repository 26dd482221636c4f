import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Video } from '@shared/protocol/index';
import { navigate, useRouteId } from '../../app/router';
import { paths } from '../../app/routes';
import { discoverClient } from '../../publishing/discover-client';
import { VideoPlayer } from './VideoPlayer';
import './discover.css';

/** Discover: the platform's public feed (cover, title, creator); `/discover/<videoId>` plays one with its anchors. */
export function DiscoverPage() {
  const { t } = useTranslation();
  const openId = useRouteId('discover');
  const [videos, setVideos] = useState<readonly Video[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async (after: string | null): Promise<void> => {
    setLoading(true);
    setError(null);
    const result = await discoverClient.feed(after);
    setLoading(false);
    if (!result.ok) return setError(result.error.message);
    setVideos((prev) => (after ? [...prev, ...result.value.videos] : result.value.videos));
    setCursor(result.value.nextCursor);
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);
  // A video posted meanwhile (by anyone) shows up without a manual refresh.
  useEffect(() => discoverClient.onVideoCreated(() => void load(null)), [load]);

  const open = openId ? (videos.find((v) => v.id === openId) ?? null) : null;

  return (
    <section className="page discover-page" aria-labelledby="discover-title">
      <header className="page__header">
        <div>
          <h1 id="discover-title">{t('discover.title')}</h1>
          <p className="page__subtitle">{t('discover.subtitle')}</p>
        </div>
        <div className="page__tools">
          <button type="button" className="button" onClick={() => void load(null)} disabled={loading}>
            {t('discover.refresh')}
          </button>
        </div>
      </header>
      {error ? (
        <p className="toast toast--error" role="alert">
          {error}
        </p>
      ) : null}
      {openId ? <VideoPlayer videoId={openId} initial={open} onClose={() => navigate(paths.discover())} /> : null}
      {!loading && videos.length === 0 && !error ? <p className="empty">{t('discover.empty')}</p> : null}
      <ul className="discover-grid" aria-label={t('discover.videos')}>
        {videos.map((v) => (
          <li key={v.id}>
            <button type="button" className="discover-card" onClick={() => navigate(paths.discover(v.id))} aria-label={t('discover.play', { title: v.title, name: v.creator.displayName })}>
              <img className="discover-card__cover" src={v.coverUrl} alt="" loading="lazy" style={{ aspectRatio: `${v.width} / ${v.height}` }} />
              {v.mediaKind === 'image' ? <span className="discover-card__kind">{t('discover.photo')}</span> : null}
              <span className="discover-card__title">{v.title}</span>
              <span className="discover-card__creator">
                {v.creator.displayName} · @{v.creator.handle}
                {v.anchors.length > 0 ? ` · ${t('discover.anchors', { count: v.anchors.length })}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {cursor ? (
        <button type="button" className="button" onClick={() => void load(cursor)} disabled={loading}>
          {t('discover.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
