import { z } from 'zod';
import { MESSAGE_MAX_CHARS } from '../domain/gifts/economics';
import { GIFT_STATES } from '../domain/gifts/sending-state';
import { UploadId } from './ids';
import { PublicUser, RoomId, RoomParams } from './rooms';
import type { RouteSpec } from './routes';

/** A sent gift's id (the catalog's gifts have slugs). */
export const GiftId = z
  .string()
  .regex(/^gft_[0-9a-z]{10,40}$/, 'not a gift id')
  .brand<'GiftId'>();
export type GiftId = z.output<typeof GiftId>;
export const CatalogGiftId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'not a gift slug')
  .max(60);

export const OpeningWindow = z.object({ start: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/), end: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/) });

/** The real thing a gift stands for and who hands it out. */
export const GiftItem = z.object({ name: z.string(), description: z.string(), merchant: z.string() });
export type GiftItem = z.output<typeof GiftItem>;

/** One entry of the gift catalog (seeded; operators add more). */
export const CatalogGift = z.object({
  id: CatalogGiftId,
  name: z.string().min(1).max(60),
  image: z.string(),
  animation: z.string(),
  sound: z.string(),
  /** 0 = a free gift (limited per viewer per room per day). */
  coinPrice: z.number().int().nonnegative(),
  diamondValue: z.number().int().nonnegative(),
  /** null for a free gift. */
  item: GiftItem.nullable(),
  /** The redemption code's two letters (`FD`), for gifts with an item. */
  codePrefix: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  /** Opening windows in the room's time zone; null = always open. */
  schedule: z.array(OpeningWindow).min(1).nullable(),
});
export type CatalogGift = z.output<typeof CatalogGift>;

/** A menu entry: open now with `closesAt` (absent for always-open), or closed with `nextOpensAt`. */
export const MenuEntry = z.object({
  id: CatalogGiftId,
  name: z.string(),
  image: z.string(),
  animation: z.string(),
  sound: z.string(),
  coinPrice: z.number().int(),
  diamondValue: z.number().int(),
  item: GiftItem.nullable(),
  open: z.boolean(),
  closesAt: z.number().int().optional(),
  nextOpensAt: z.number().int().optional(),
  /** Free gifts only: how many more the caller may send here today (absent when signed out). */
  freeLeftToday: z.number().int().nonnegative().optional(),
});
export type MenuEntry = z.output<typeof MenuEntry>;

export const GiftMenu = z.object({ roomId: RoomId, timeZone: z.string(), at: z.number().int(), gifts: z.array(MenuEntry) });
export type GiftMenu = z.output<typeof GiftMenu>;

export const SendingState = z.enum([...GIFT_STATES, 'thanked']);
/** A thanks picture (animated or not, for an <img>) or clip (for a <video>): `url` is under the API prefix, readable by the gift's sender and streamer only. */
export const ThanksMediaView = z.object({ kind: z.enum(['picture', 'clip']), mimeType: z.string(), url: z.string() });
export type ThanksMediaView = z.output<typeof ThanksMediaView>;
export const Thanks = z.object({ text: z.string().nullable(), mediaUploadId: z.string().nullable(), at: z.number().int(), media: ThanksMediaView.nullable() });
export type Thanks = z.output<typeof Thanks>;

/** A gift as its sender sees it: never the code. */
export const SentGift = z.object({
  id: GiftId,
  roomId: RoomId,
  giftId: CatalogGiftId,
  name: z.string(),
  coinPrice: z.number().int(),
  diamondValue: z.number().int(),
  message: z.string().nullable(),
  /** The sending state: sent → delivered → seen → unlocked | converted, or thanked. */
  state: SendingState,
  /** The streamer's claim, also once thanked (then `state` says `thanked`); null while unclaimed. */
  claim: z.enum(['unlocked', 'converted']).nullable(),
  sentAt: z.number().int(),
  thanks: Thanks.nullable(),
});
export type SentGift = z.output<typeof SentGift>;

/** A gift as its streamer sees it (the inbox, the live feed): who sent it and when it converts by itself. */
export const ReceivedGift = SentGift.extend({
  sender: PublicUser,
  /** null for free gifts (nothing to convert). */
  autoConvertAt: z.number().int().nullable(),
  item: GiftItem.nullable(),
});
export type ReceivedGift = z.output<typeof ReceivedGift>;

export const SendGiftRequest = z.object({
  giftId: CatalogGiftId,
  message: z
    .string()
    .max(MESSAGE_MAX_CHARS * 2)
    .refine((m) => [...m].length <= MESSAGE_MAX_CHARS, `A message is at most ${MESSAGE_MAX_CHARS} characters`)
    .optional(),
  idempotencyKey: z.string().min(8).max(120),
});
export type SendGiftRequest = z.output<typeof SendGiftRequest>;

export const GiftParams = z.object({ id: GiftId });
export const ReceiptRequest = z.object({ state: z.enum(['delivered', 'seen']) });

export const UnlockResponse = z.object({
  /** The redemption code, shown to the receiving streamer only; stored hashed, so shown once. */
  code: z.string(),
  item: GiftItem,
  expiresAt: z.number().int(),
});
export type UnlockResponse = z.output<typeof UnlockResponse>;

export const ConvertResponse = z.object({ diamonds: z.number().int(), platformCut: z.number().int() });
export type ConvertResponse = z.output<typeof ConvertResponse>;

export const Redemption = z.object({ item: GiftItem, redeemedAt: z.number().int() });
export type Redemption = z.output<typeof Redemption>;

export const MerchantRedeemRequest = z.object({ code: z.string().min(1).max(80) });

export const ThanksRequest = z
  .object({ text: z.string().trim().min(1).max(280).optional(), mediaUploadId: UploadId.optional() })
  .refine((t) => t.text !== undefined || t.mediaUploadId !== undefined, 'Thanks need a text or a picture, animation or short clip');

export const ReceivedGiftPage = z.object({ gifts: z.array(ReceivedGift) });

/** Event types: `gift.received` to the streamer (`user:<id>`), `gift.state` to the sender. */
export const GIFT_EVENTS = { received: 'gift.received', state: 'gift.state' } as const;

const spec = <S extends RouteSpec>(s: S): S => s;

/** A gift's thanks picture or clip (binary, outside the route table; bearer or the web app's cookie). */
export const thanksMediaPath = (giftId: string): string => `/gifts/${encodeURIComponent(giftId)}/thanks-media`;

export const giftRoutes = {
  giftMenu: spec({
    method: 'GET',
    path: '/rooms/:id/gift-menu',
    auth: 'optional',
    status: 200,
    params: RoomParams,
    response: GiftMenu,
    summary: 'Gifts open now (with closesAt) and closed ones (with nextOpensAt)',
  }),
  sendGift: spec({
    method: 'POST',
    path: '/rooms/:id/gifts',
    auth: 'required',
    status: 201,
    params: RoomParams,
    body: SendGiftRequest,
    response: SentGift,
    summary: 'Send a gift (coins taken atomically; idempotent per key)',
  }),
  getGift: spec({ method: 'GET', path: '/gifts/:id', auth: 'required', status: 200, params: GiftParams, response: SentGift, summary: 'A gift, as its sender or its streamer sees it' }),
  receivedGifts: spec({ method: 'GET', path: '/gifts/received', auth: 'required', status: 200, response: ReceivedGiftPage, summary: 'The caller’s gift inbox, newest first (100)' }),
  receipt: spec({
    method: 'POST',
    path: '/gifts/:id/receipt',
    auth: 'required',
    status: 200,
    params: GiftParams,
    body: ReceiptRequest,
    response: SentGift,
    summary: 'The streamer’s app received (delivered) or showed (seen) a gift',
  }),
  unlock: spec({
    method: 'POST',
    path: '/gifts/:id/unlock',
    auth: 'required',
    status: 200,
    params: GiftParams,
    response: UnlockResponse,
    summary: 'Reveal the redemption code (receiving streamer only; excludes convert)',
  }),
  convert: spec({
    method: 'POST',
    path: '/gifts/:id/convert',
    auth: 'required',
    status: 200,
    params: GiftParams,
    response: ConvertResponse,
    summary: 'Convert to diamonds minus the platform cut (excludes unlock)',
  }),
  redeem: spec({
    method: 'POST',
    path: '/gifts/:id/redeem',
    auth: 'required',
    status: 200,
    params: GiftParams,
    response: Redemption,
    summary: 'Redeem the gift’s item at its merchant for the streamer (unlocks first if needed)',
  }),
  thanks: spec({
    method: 'POST',
    path: '/gifts/:id/thanks',
    auth: 'required',
    status: 200,
    params: GiftParams,
    body: ThanksRequest,
    response: SentGift,
    summary: 'Thank the sender (text, or an uploaded picture, animation or clip ≤ 15 s)',
  }),
  merchantRedeem: spec({
    method: 'POST',
    path: '/merchant/redeem',
    auth: 'none',
    status: 200,
    body: MerchantRedeemRequest,
    response: Redemption,
    summary: 'Sandbox merchant: redeem a code once (Authorization: Bearer <merchant key>)',
  }),
} as const;
