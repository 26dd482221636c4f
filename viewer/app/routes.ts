import { viewerPaths } from '@shared/domain/viewer-paths';

/** The viewer app's pages, parsed from the URL's path (and query for the try-on's shade). */
export type Route =
  | { readonly page: 'feed' }
  | { readonly page: 'sign-in'; readonly mode: 'sign-in' | 'sign-up'; readonly next: string | null }
  | { readonly page: 'video'; readonly videoId: string }
  | { readonly page: 'try-on'; readonly videoId: string; readonly anchorId: string }
  | { readonly page: 'profile'; readonly handle: string }
  | { readonly page: 'wallet'; readonly back?: string }
  | { readonly page: 'messages'; readonly conversationId: string | null }
  | { readonly page: 'notifications' }
  | { readonly page: 'custom-intro'; readonly handle: string }
  | { readonly page: 'order-form'; readonly handle: string }
  | { readonly page: 'order-pay'; readonly handle: string }
  | { readonly page: 'orders' }
  | { readonly page: 'order'; readonly orderId: string; readonly section: OrderSection | null }
  | { readonly page: 'shared-video'; readonly token: string }
  | { readonly page: 'live' }
  | { readonly page: 'room'; readonly roomId: string }
  | { readonly page: 'not-found' };

/** Where an order's detail page opens (a guide item's "Watch" or "Comment"). */
export type OrderSection = 'watch' | 'comment';

const ID = '([A-Za-z0-9_-]{1,100})';
const patterns: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray, query: URLSearchParams) => Route]> = [
  [/^\/$/, () => ({ page: 'feed' })],
  [/^\/signin$/, (_m, q) => ({ page: 'sign-in', mode: 'sign-in', next: safeNext(q.get('next')) })],
  [/^\/signup$/, (_m, q) => ({ page: 'sign-in', mode: 'sign-up', next: safeNext(q.get('next')) })],
  [new RegExp(`^/v/${ID}$`), (m) => ({ page: 'video', videoId: m[1]! })],
  [new RegExp(`^/v/${ID}/try/${ID}$`), (m) => ({ page: 'try-on', videoId: m[1]!, anchorId: m[2]! })],
  [/^\/@([a-z0-9_]{3,30})$/i, (m) => ({ page: 'profile', handle: m[1]!.toLowerCase() })],
  [/^\/wallet$/, (_m, q) => withBack({ page: 'wallet' }, safeNext(q.get('back')))],
  [/^\/messages$/, () => ({ page: 'messages', conversationId: null })],
  [new RegExp(`^/messages/${ID}$`), (m) => ({ page: 'messages', conversationId: m[1]! })],
  [/^\/notifications$/, () => ({ page: 'notifications' })],
  [/^\/live$/, () => ({ page: 'live' })],
  [new RegExp(`^/live/${ID}$`), (m) => ({ page: 'room', roomId: m[1]! })],
  [/^\/@([a-z0-9_]{3,30})\/custom$/i, (m) => ({ page: 'custom-intro', handle: m[1]!.toLowerCase() })],
  [/^\/@([a-z0-9_]{3,30})\/custom\/request$/i, (m) => ({ page: 'order-form', handle: m[1]!.toLowerCase() })],
  [/^\/@([a-z0-9_]{3,30})\/custom\/pay$/i, (m) => ({ page: 'order-pay', handle: m[1]!.toLowerCase() })],
  [/^\/orders$/, () => ({ page: 'orders' })],
  [new RegExp(`^/orders/${ID}$`), (m, q) => ({ page: 'order', orderId: m[1]!, section: orderSection(q.get('open')) })],
  [new RegExp(`^/shared/${ID}$`), (m) => ({ page: 'shared-video', token: m[1]! })],
];

const withBack = (route: { readonly page: 'wallet' }, back: string | null): Route => (back ? { ...route, back } : route);
const orderSection = (value: string | null): OrderSection | null => (value === 'watch' || value === 'comment' ? value : null);

/** Only a path on this origin may be a redirect target after sign-in (no `//evil.example`). */
export function safeNext(next: string | null): string | null {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : null;
}

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const query = new URLSearchParams(search);
  for (const [pattern, build] of patterns) {
    const match = path.match(pattern);
    if (match) return build(match, query);
  }
  return { page: 'not-found' };
}

/** Paths of the pages, so a link is never spelled twice (the public ones are shared with the studio's links). */
export const paths = {
  feed: viewerPaths.feed,
  signIn: (next?: string): string => (next ? `/signin?next=${encodeURIComponent(next)}` : '/signin'),
  signUp: (next?: string): string => (next ? `/signup?next=${encodeURIComponent(next)}` : '/signup'),
  video: viewerPaths.video,
  tryOn: (videoId: string, anchorId: string): string => `/v/${encodeURIComponent(videoId)}/try/${encodeURIComponent(anchorId)}`,
  profile: viewerPaths.profile,
  /** `back`: the page to return to after a top-up (the order's payment). */
  wallet: (back?: string): string => (back ? `/wallet?back=${encodeURIComponent(back)}` : '/wallet'),
  messages: (conversationId?: string): string => (conversationId ? `/messages/${encodeURIComponent(conversationId)}` : '/messages'),
  notifications: (): string => '/notifications',
  live: (): string => '/live',
  room: viewerPaths.room,
  customIntro: (handle: string): string => `/@${handle}/custom`,
  orderForm: (handle: string): string => `/@${handle}/custom/request`,
  orderPay: (handle: string): string => `/@${handle}/custom/pay`,
  orders: (): string => '/orders',
  order: viewerPaths.order,
  sharedVideo: viewerPaths.sharedVideo,
};
