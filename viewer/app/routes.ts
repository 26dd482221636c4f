/** The viewer app's pages, parsed from the URL's path (and query for the try-on's shade). */
export type Route =
  | { readonly page: 'feed' }
  | { readonly page: 'sign-in'; readonly mode: 'sign-in' | 'sign-up'; readonly next: string | null }
  | { readonly page: 'video'; readonly videoId: string }
  | { readonly page: 'try-on'; readonly videoId: string; readonly anchorId: string }
  | { readonly page: 'profile'; readonly handle: string }
  | { readonly page: 'wallet' }
  | { readonly page: 'messages'; readonly conversationId: string | null }
  | { readonly page: 'notifications' }
  | { readonly page: 'not-found' };

const ID = '([A-Za-z0-9_-]{1,100})';
const patterns: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray, query: URLSearchParams) => Route]> = [
  [/^\/$/, () => ({ page: 'feed' })],
  [/^\/signin$/, (_m, q) => ({ page: 'sign-in', mode: 'sign-in', next: safeNext(q.get('next')) })],
  [/^\/signup$/, (_m, q) => ({ page: 'sign-in', mode: 'sign-up', next: safeNext(q.get('next')) })],
  [new RegExp(`^/v/${ID}$`), (m) => ({ page: 'video', videoId: m[1]! })],
  [new RegExp(`^/v/${ID}/try/${ID}$`), (m) => ({ page: 'try-on', videoId: m[1]!, anchorId: m[2]! })],
  [/^\/@([a-z0-9_]{3,30})$/i, (m) => ({ page: 'profile', handle: m[1]!.toLowerCase() })],
  [/^\/wallet$/, () => ({ page: 'wallet' })],
  [/^\/messages$/, () => ({ page: 'messages', conversationId: null })],
  [new RegExp(`^/messages/${ID}$`), (m) => ({ page: 'messages', conversationId: m[1]! })],
  [/^\/notifications$/, () => ({ page: 'notifications' })],
];

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

/** Paths of the pages, so a link is never spelled twice. */
export const paths = {
  feed: (): string => '/',
  signIn: (next?: string): string => (next ? `/signin?next=${encodeURIComponent(next)}` : '/signin'),
  signUp: (next?: string): string => (next ? `/signup?next=${encodeURIComponent(next)}` : '/signup'),
  video: (videoId: string): string => `/v/${encodeURIComponent(videoId)}`,
  tryOn: (videoId: string, anchorId: string): string => `/v/${encodeURIComponent(videoId)}/try/${encodeURIComponent(anchorId)}`,
  profile: (handle: string): string => `/@${handle}`,
  wallet: (): string => '/wallet',
  messages: (conversationId?: string): string => (conversationId ? `/messages/${encodeURIComponent(conversationId)}` : '/messages'),
  notifications: (): string => '/notifications',
};
