/**
 * Paths of the viewer web app's public pages (served by the platform at its origin's root): the
 * viewer app routes them, and the studio links to them ("View on the platform", a forwarded video).
 */
export const viewerPaths = {
  feed: (): string => '/',
  video: (videoId: string): string => `/v/${encodeURIComponent(videoId)}`,
  profile: (handle: string): string => `/@${handle}`,
  room: (roomId: string): string => `/live/${encodeURIComponent(roomId)}`,
  order: (orderId: string, section?: 'watch' | 'comment'): string => `/orders/${encodeURIComponent(orderId)}${section ? `?open=${section}` : ''}`,
  /** A custom video someone shared or forwarded (its share token). */
  sharedVideo: (token: string): string => `/shared/${encodeURIComponent(token)}`,
} as const;

/** The viewer app's page at `path` on the platform at `platformUrl` (its origin; any path on it is dropped). */
export function viewerPageUrl(platformUrl: string, path: string): string | null {
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  try {
    const base = new URL(platformUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
    return new URL(path, base.origin).toString();
  } catch {
    return null;
  }
}
