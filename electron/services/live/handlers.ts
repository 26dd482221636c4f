import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { LiveService } from './live-service';

/** The live noun: the streamer's room, gifts and wallet, through the platform. */
export function liveHandlers(service: LiveService): Pick<HandlersOf<StudioContract>, 'live'> {
  return {
    live: {
      state: () => service.state(),
      goLive: ({ title, timeZone }) => service.goLive(title, timeZone),
      end: ({ roomId }) => service.end(roomId),
      gifts: () => service.inbox(),
      seen: ({ giftId }) => service.seen(giftId),
      unlock: ({ giftId }) => service.unlock(giftId),
      convert: ({ giftId }) => service.convert(giftId),
      redeem: ({ giftId }) => service.redeem(giftId),
      thank: ({ giftId, text, picture, clip }) => service.thank(giftId, { text, picture, clip }),
      leaderboard: ({ roomId }) => service.leaderboard(roomId),
      wallet: () => service.wallet(),
    },
  };
}
