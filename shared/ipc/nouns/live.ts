import { z } from 'zod';
import { DraftId } from '../../domain/ids';
import { ConvertResponse, GiftId, ReceivedGift, Redemption, UnlockResponse } from '../../protocol/gifts';
import { Leaderboard } from '../../protocol/leaderboards';
import { OpenRoomRequest, Room, RoomId } from '../../protocol/rooms';
import { Wallet } from '../../protocol/wallet';
import { event, method, noun } from '../define';

/**
 * What a thanks carries besides text, sent from the renderer: a picture or animated image (PNG,
 * JPEG, GIF, WebP: a file or the preview's snapshot) or a short clip (MP4/WebM, at most 15 s, which
 * the platform checks). The platform decides what it is from the bytes, never the name.
 */
export const THANKS_PICTURE_MAX = 16 * 1024 * 1024;

/** A thanks clip is at most 15 s (the platform checks it with ffprobe) and, once made postable, 16 MiB. */
export const THANKS_CLIP_MAX_MS = 15_000;
export const THANKS_CLIP_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Where the streamer's live session stands: the open room (null when not live), whether the live
 * events socket is connected now, and the room's viewers as last pushed.
 */
export const LiveState = z.object({
  room: Room.nullable(),
  connected: z.boolean(),
});
export type LiveState = z.output<typeof LiveState>;

export const ThanksPicture = z.object({
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= THANKS_PICTURE_MAX, 'a thanks picture or clip is 1 byte to 16 MiB'),
  filename: z.string().trim().min(1).max(120),
});

/** A clip recorded with the studio (a take, so a draft): main makes it the platform's MP4 and uploads it. */
export const ThanksClip = z.object({ draftId: DraftId });

export const ThanksInput = z
  .object({ giftId: GiftId, text: z.string().trim().min(1).max(280).optional(), picture: ThanksPicture.optional(), clip: ThanksClip.optional() })
  .refine((t) => t.text !== undefined || t.picture !== undefined || t.clip !== undefined, 'Thanks need a text, a picture or a clip')
  .refine((t) => t.picture === undefined || t.clip === undefined, 'A thanks carries a picture or a clip, not both');

/**
 * The studio account's live room (issue 14, streamer side). Main holds the platform session and
 * the live events socket (`user:<me>` for gifts, `room:<id>` for presence), which reconnects with
 * backoff and resumes from the last event id: each gift is pushed once as `live.gift`.
 */
export const live = noun({
  methods: {
    state: method(z.undefined(), LiveState),
    /** Opens the room (or answers the one already open). */
    goLive: method(OpenRoomRequest, LiveState),
    end: method(z.object({ roomId: RoomId }), LiveState),
    /** The gift inbox, newest first (the platform keeps the last 100). */
    gifts: method(z.undefined(), z.object({ gifts: z.array(ReceivedGift) })),
    /** The alert showed the gift to the streamer (its sender sees `seen`). */
    seen: method(z.object({ giftId: GiftId }), ReceivedGift),
    unlock: method(z.object({ giftId: GiftId }), UnlockResponse),
    convert: method(z.object({ giftId: GiftId }), ConvertResponse),
    /** Passes the gift's code to its merchant (unlocking first when needed). */
    redeem: method(z.object({ giftId: GiftId }), Redemption),
    thank: method(ThanksInput, ReceivedGift),
    leaderboard: method(z.object({ roomId: RoomId }), Leaderboard),
    wallet: method(z.undefined(), Wallet),
  },
  events: {
    state: event(LiveState),
    /** A gift arrived (once, even across reconnects). */
    gift: event(ReceivedGift),
  },
});
