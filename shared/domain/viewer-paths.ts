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
