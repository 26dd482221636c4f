import { claimOf, sendingState } from '@shared/domain/gifts/sending-state';
import { autoConvertAt } from '@shared/domain/gifts/economics';
import type { ReceivedGift, SentGift } from '@shared/protocol/gifts';
import type { GiftRecord } from './repository';

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
    thanks: g.thanks,
  };
}

/** The streamer's view: who sent it, the item, and when an unclaimed gift converts by itself. */
export function receivedView(g: GiftRecord, autoConvertAfterMs: number): ReceivedGift {
  return { ...sentView(g), sender: g.sender, item: g.item, autoConvertAt: g.coinPrice > 0 ? autoConvertAt(g.sentAt, autoConvertAfterMs) : null };
}
