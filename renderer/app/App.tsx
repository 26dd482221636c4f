import { useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { viewerPaths } from '@shared/domain/viewer-paths';
import { useConnection } from '../client/connection-store';
import { studioClient } from '../client/studio-client';
import { languageStore } from '../i18n/language-store';
import { useUnreadMessages } from '../pages/messages/messages-store';
import { useOrdersSummary } from '../pages/requests/requests-store';
import { NoticesBar } from './NoticesBar';
import { PlatformLink } from './PlatformLink';
import { pages } from './pages';
import { navigate, useRoute } from './router';
import { parseRoute, paths } from './routes';

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const connection = useConnection();
  const unread = useUnreadMessages();
  const pendingRequests = useOrdersSummary()?.pendingCount ?? 0;
  const section = parseRoute(route).section;
  const page = pages.find((p) => p.id === section) ?? pages[0]!;

  // The printed URL carries the run token once; the host has set its cookie, so drop it from view.
  useEffect(() => {
    if (location.search.includes('token=')) history.replaceState(null, '', location.pathname);
  }, []);
  useEffect(() => studioClient().on('app.openLink', ({ path }) => navigate(path)), []);
  useEffect(() => languageStore.start(), []);

  // ↑/↓ move between navigation items, as in a toolbar; Tab leaves the rail.
  const onNavKey = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
    e.preventDefault();
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <aside className="rail">
        <div className="brand" aria-label="Anchor Studio">
          <span className="brand__mark" aria-hidden="true">
            ⚓
          </span>
          <span className="brand__name">Anchor Studio</span>
        </div>
        <nav aria-label={t('app.navigation')} onKeyDown={onNavKey}>
          <ul className="nav">
            {pages
              .filter((p) => !p.hidden)
              .map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className={p.id === page.id ? 'nav__item is-active' : 'nav__item'}
                    aria-current={p.id === page.id ? 'page' : undefined}
                    onClick={() => navigate(paths.page(p.id))}
                  >
                    <span className="nav__icon" aria-hidden="true">
                      {p.icon}
                    </span>
                    {t(`app.pages.${p.id}`)}
                    {p.id === 'messages' && unread > 0 ? (
                      <span className="nav__badge" role="status" aria-label={t('app.unreadBadge', { count: unread })}>
                        {unread}
                      </span>
                    ) : null}
                    {p.id === 'requests' && pendingRequests > 0 ? (
                      <span className="nav__badge" role="status" aria-label={t('app.requestsBadge', { count: pendingRequests })}>
                        {pendingRequests}
                      </span>
                    ) : null}
                  </button>
                </li>
              ))}
          </ul>
        </nav>
        <footer className="rail__footer">
          <span className={`conn conn--${connection}`} role="status" aria-label={t('app.connection.label', { state: t(`app.connection.state.${connection}`) })}>
            <span className="conn__dot" aria-hidden="true" />
            {connection === 'open' ? t(studioClient().host === 'electron' ? 'app.connection.desktop' : 'app.connection.browser') : t(`app.connection.${connection}`)}
          </span>
          <PlatformLink path={viewerPaths.feed()} className="rail__platform">
            {t('app.viewOnPlatform')} ↗
          </PlatformLink>
        </footer>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <NoticesBar />
        {page.render()}
      </main>
    </div>
  );
}
