import type { FedGift, LeaderboardsExecutor } from './repository';

export type { FedGift, PersonRef } from './repository';

/** What the gifts feature uses: count a gift on the boards inside the gift's own transaction. */
export interface FeedingRecorder {
  record(trx: LeaderboardsExecutor, gift: FedGift): Promise<void>;
}
