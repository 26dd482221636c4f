import { useTranslation } from 'react-i18next';
import { routes } from '@shared/protocol/routes';
import type { Video } from '@shared/protocol/videos';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { usePaged } from './use-paged';
import '../video/video-posts.css';

const PAGE = 12;

export function FeedPage() {
  const { t } = useTranslation();
  const { paged, error, more, sentinel } = usePaged<Video>(async (cursor) => {
    const page = await call(routes.listVideos, { query: { limit: PAGE, cursor } });
    return { items: page.videos, nextCursor: page.nextCursor };
  }, 'feed');
  return (
    <main className="page feed-page">
      <h1 className="page-title">{t('feed.title')}</h1>
      <ul className="video-grid" aria-label={t('feed.title')}>
        {paged.items.map((video) => (
          <li key={video.id}>
            <VideoCard video={video} />
          </li>
        ))}
      </ul>
      {error ? <ErrorNote error={error} onRetry={() => void more()} /> : null}
      {paged.started && paged.items.length === 0 && !error ? <p className="empty">{t('feed.empty')}</p> : null}
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
      {paged.started && paged.nextCursor === null && paged.items.length > 0 ? <p className="list-end">{t('feed.end')}</p> : null}
      {!paged.started || paged.nextCursor ? <p className="list-end">{t('feed.more')}</p> : null}
    </main>
  );
}

export function VideoCard({ video, showCreator = true }: Readonly<{ video: Video; showCreator?: boolean }>) {
  const { t } = useTranslation();
  return (
    <article className="video-card">
      <Link to={paths.video(video.id)} className="cover-link" aria-label={video.title}>
        <img className="cover" src={video.coverUrl} alt="" loading="lazy" width={video.width} height={video.height} />
        <span className="anchor-count">{t('feed.anchors', { count: video.anchors.length })}</span>
        {video.mediaKind === 'image' ? <span className="kind-badge">{t('feed.photo')}</span> : null}
      </Link>
      <h2 className="card-title">
        <Link to={paths.video(video.id)}>{video.title}</Link>
      </h2>
      {showCreator ? (
        <Link className="creator-line" to={paths.profile(video.creator.handle)}>
          {t('feed.by', { name: video.creator.displayName })} · @{video.creator.handle}
        </Link>
      ) : null}
    </article>
  );
}
