/**
 * The ids of the gifts this viewer sent in a room, kept for the browser tab (session storage), so a
 * reload shows their sending states again: the platform has no "my sent gifts" listing, but each
 * gift can be read by its sender (`GET /gifts/:id`).
 */
const KEEP = 20;
const key = (roomId: string, userId: string): string => `anchor-viewer.room-gifts.${userId}.${roomId}`;

export function rememberedGifts(roomId: string, userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(key(roomId, userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string' && /^gft_[0-9a-z]{10,40}$/.test(id)).slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

export function rememberGift(roomId: string, userId: string, giftId: string): void {
  try {
    const ids = [giftId, ...rememberedGifts(roomId, userId).filter((id) => id !== giftId)].slice(0, KEEP);
    sessionStorage.setItem(key(roomId, userId), JSON.stringify(ids));
  } catch {
    // Storage refused: the list lasts as long as the page.
  }
}
