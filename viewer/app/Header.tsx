import { useTranslation } from 'react-i18next';
import { useUnread } from '../client/live-store';
import { signOut, useSession } from '../client/session-store';
import { toggleLanguage } from '../i18n/i18n';
import { BellIcon } from './icons';
import { Link } from './Link';
import { currentPath, navigate } from './router';
import { paths, type Route } from './routes';

/** The top bar (brand, bell, account) and the tab bar (at the bottom on a phone, in the top bar on a wide screen). */
export function Header({ route }: Readonly<{ route: Route }>) {
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const unread = useUnread();
  const current = (page: Route['page']) => (route.page === page ? ({ 'aria-current': 'page' } as const) : {});
  return (
    <header className="top-bar">
      <Link to={paths.feed()} className="brand">
        {t('app.brand')}
      </Link>
      <nav className="tabs" aria-label={t('app.brand')}>
        <Link to={paths.feed()} {...current('feed')}>
          {t('app.feed')}
        </Link>
        <Link to={paths.live()} {...(route.page === 'live' || route.page === 'room' ? ({ 'aria-current': 'page' } as const) : {})}>
          {t('rooms.nav')}
        </Link>
        <Link to={paths.messages()} {...current('messages')}>
          {t('app.messages')}
          {unread.messages ? <Badge count={unread.messages} label={t('messages.unread', { count: unread.messages })} /> : null}
        </Link>
        <Link to={paths.wallet()} {...current('wallet')}>
          {t('app.wallet')}
        </Link>
        {signedIn ? (
          <Link to={paths.profile(session.user.handle)} {...(route.page === 'profile' && route.handle === session.user.handle ? ({ 'aria-current': 'page' } as const) : {})}>
            {t('app.me')}
          </Link>
        ) : null}
      </nav>
      <div className="top-tools">
        <button type="button" className="plain" onClick={toggleLanguage}>
          {t('app.language')}
        </button>
        {signedIn ? (
          <>
            <Link
              to={paths.notifications()}
              className="bell"
              aria-label={unread.notifications ? `${t('app.notifications')}: ${t('app.notificationsBadge', { count: unread.notifications })}` : t('app.notifications')}
              {...current('notifications')}
            >
              <BellIcon />
              {unread.notifications ? <Badge count={unread.notifications} /> : null}
            </Link>
            <button type="button" className="plain" onClick={() => void signOut().finally(() => navigate(paths.feed()))}>
              {t('app.signOut')}
            </button>
          </>
        ) : session.status === 'signed-out' && route.page !== 'sign-in' ? (
          <Link className="button-like primary" to={paths.signIn(currentPath())}>
            {t('app.signIn')}
          </Link>
        ) : null}
      </div>
    </header>
  );
}

/** A count on a tab or the bell (99+ beyond two digits). */
function Badge({ count, label }: Readonly<{ count: number; label?: string }>) {
  return (
    <span className="badge" data-testid="badge" aria-label={label}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
