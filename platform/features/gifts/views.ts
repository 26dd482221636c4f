import { claimOf, sendingState } from '@shared/domain/gifts/sending-state';
import { autoConvertAt } from '@shared/domain/gifts/economics';
import { thanksMediaPath, type ReceivedGift, type SentGift, type Thanks } from '@shared/protocol/gifts';
import { API_PREFIX } from '@shared/protocol/routes';
import type { GiftRecord, StoredThanks } from './repository';

/** The thanks as the sender and streamer see it: the kept media by URL, never its storage key. */
function thanksView(giftId: string, t: StoredThanks | null): Thanks | null {
  if (!t) return null;
  return { text: t.text, mediaUploadId: t.mediaUploadId, at: t.at, media: t.media ? { kind: t.media.kind, mimeType: t.media.mimeType, url: API_PREFIX + thanksMediaPath(giftId) } : null };
}

/** The sender's view: never the code (the code is not even stored in plain). */
export function sentView(g: GiftRecord): SentGift {
  return {
    id: g.id as SentGift['id'],
    roomId: g.roomId as SentGift['roomId'],
    giftId: g.catalogId,
    name: g.name,
    coinPrice: g.coinPrice,
    diamondValue: g.diamondValue,
    message: g.message,
    state: sendingState(g.state, g.thanks !== null),
    claim: claimOf(g.state),
    sentAt: g.sentAt,
    thanks: thanksView(g.id, g.thanks),
  };
}

/** The streamer's view: who sent it, the item, and when an unclaimed gift converts by itself. */
export function receivedView(g: GiftRecord, autoConvertAfterMs: number): ReceivedGift {
  return { ...sentView(g), sender: g.sender, item: g.item, autoConvertAt: g.coinPrice > 0 ? autoConvertAt(g.sentAt, autoConvertAfterMs) : null };
}
