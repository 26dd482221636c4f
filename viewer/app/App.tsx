import { Suspense, lazy, useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInPage } from '../pages/auth/SignInPage';
import { FeedPage } from '../pages/feed/FeedPage';
import { VideoPage } from '../pages/video/VideoPage';
import { WalletPage } from '../pages/wallet/WalletPage';
import { MessagesPage } from '../pages/messages/MessagesPage';
import { NotificationsPage } from '../pages/notifications/NotificationsPage';
import { ProfilePage } from '../pages/profile/ProfilePage';
import { followUser } from '../client/live-store';
import { useSession } from '../client/session-store';
import { Header } from './Header';
import { Link } from './Link';
import { currentPath, navigate, useRoute } from './router';
import { paths, type Route } from './routes';

// The try-on engine (tfjs, three, the tracker worker) is a separate chunk, fetched only when opened.
const TryOnPage = lazy(() => import('../pages/tryon/TryOnPage'));
// The custom-video order pages are one chunk too (the shell stays within its size goal).
const IntroPage = lazy(() => import('../pages/orders/pages').then((m) => ({ default: m.IntroPage })));
const OrderFormPage = lazy(() => import('../pages/orders/pages').then((m) => ({ default: m.OrderFormPage })));
const PayPage = lazy(() => import('../pages/orders/pages').then((m) => ({ default: m.PayPage })));
const OrderPage = lazy(() => import('../pages/orders/pages').then((m) => ({ default: m.OrderPage })));
const OrdersPage = lazy(() => import('../pages/orders/pages').then((m) => ({ default: m.OrdersPage })));
const SharedVideoPage = lazy(() => import('../pages/orders/pages').then((m) => ({ default: m.SharedVideoPage })));
// The live rooms' pages too.
const LiveRoomsPage = lazy(() => import('../pages/rooms/pages').then((m) => ({ default: m.LiveRoomsPage })));
const RoomPage = lazy(() => import('../pages/rooms/pages').then((m) => ({ default: m.RoomPage })));

/** Pages that need an account send a signed-out viewer to sign in, and back here afterwards. */
const needsAccount = (route: Route): boolean =>
  route.page === 'wallet' ||
  route.page === 'messages' ||
  route.page === 'notifications' ||
  route.page === 'order-form' ||
  route.page === 'order-pay' ||
  route.page === 'orders' ||
  route.page === 'order';

export function App() {
  const route = useRoute();
  const session = useSession();
  const { t } = useTranslation();
  const userId = session.status === 'signed-in' ? session.user.id : null;
  useEffect(() => followUser(userId), [userId]);
  useEffect(() => {
    if (session.status === 'signed-out' && needsAccount(route)) navigate(paths.signIn(currentPath()), { replace: true });
  }, [session.status, route]);
  return (
    <div className="app">
      <Header route={route} />
      <Suspense
        fallback={
          <main className="page">
            <p className="empty">{route.page === 'try-on' ? t('tryon.loadingEngine') : t('app.loading')}</p>
          </main>
        }
      >
        {page(route, session.status === 'signed-in')}
      </Suspense>
    </div>
  );
}

function page(route: Route, signedIn: boolean): ReactElement {
  if (needsAccount(route) && !signedIn) return <main className="page" />;
  switch (route.page) {
    case 'feed':
      return <FeedPage />;
    case 'sign-in':
      return <SignInPage key={route.mode} mode={route.mode} next={route.next} />;
    case 'video':
      return <VideoPage key={route.videoId} videoId={route.videoId} />;
    case 'try-on':
      return <TryOnPage key={route.anchorId} videoId={route.videoId} anchorId={route.anchorId} />;
    case 'wallet':
      return <WalletPage back={route.back ?? null} />;
    case 'profile':
      return <ProfilePage key={route.handle} handle={route.handle} />;
    case 'messages':
      return <MessagesPage conversationId={route.conversationId} />;
    case 'notifications':
      return <NotificationsPage />;
    case 'custom-intro':
      return <IntroPage key={route.handle} handle={route.handle} />;
    case 'order-form':
      return <OrderFormPage key={route.handle} handle={route.handle} />;
    case 'order-pay':
      return <PayPage key={route.handle} handle={route.handle} />;
    case 'orders':
      return <OrdersPage />;
    case 'order':
      return <OrderPage key={route.orderId} orderId={route.orderId} section={route.section} />;
    case 'shared-video':
      return <SharedVideoPage key={route.token} token={route.token} />;
    case 'live':
      return <LiveRoomsPage />;
    case 'room':
      return <RoomPage key={route.roomId} roomId={route.roomId} />;
    case 'not-found':
      return <NotFound />;
    default: {
      const never: never = route;
      return never;
    }
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page">
      <p className="empty">{t('app.notFound')}</p>
      <Link to={paths.feed()}>{t('app.backHome')}</Link>
    </main>
  );
}
