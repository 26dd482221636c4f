import { z } from 'zod';
import { DESCRIPTION_MAX_CHARS, MAX_OPEN_ORDERS_LIMIT, PRICE_MAX_COINS, PRICE_MIN_COINS, SERVICE_STATES } from '../domain/orders/customization';
import { COMMENT_MAX_CHARS, INFO_LIMITS, REASON_MAX_CHARS } from '../domain/orders/info';
import { CANCEL_KINDS, ORDER_STATES } from '../domain/orders/lifecycle';
import { UploadId } from './ids';
import type { RouteSpec } from './routes';

/**
 * Custom video orders (issue 13): a creator's customization service, orders with a hold on the
 * requester's coins, delivery, comments and share links. Field names are the issue's; other code
 * relies on them. Lengths here are UTF-16 bounds for the schema; the domain checks
 * (shared/domain/orders) count characters and give the field-level reasons.
 */
export const OrderId = z
  .string()
  .regex(/^ord_[0-9a-z]{10,40}$/, 'not an order id')
  .brand<'OrderId'>();
export type OrderId = z.output<typeof OrderId>;

const text = (max: number) => z.string().max(max * 2);

/** What the creator offers, as viewers see it once published. */
export const Customization = z.object({
  priceCoins: z.number().int().min(PRICE_MIN_COINS).max(PRICE_MAX_COINS),
  description: text(DESCRIPTION_MAX_CHARS),
  /** An upload of the creator's (`upl_…`), moved in as the intro video when published. */
  introUploadId: z
    .string()
    .regex(/^upl_[0-9a-z]{10,40}$/, 'not an upload id')
    .optional(),
  receiving: z.boolean(),
  maxOpenOrders: z.number().int().min(1).max(MAX_OPEN_ORDERS_LIMIT).optional(),
});
export type Customization = z.output<typeof Customization>;

/**
 * PUT body: saves the draft (published with `publish`). `receiving`, when given, is the switch and
 * acts at once on a published service (pushed to open pages), without re-publishing the content.
 */
export const CustomizationInput = Customization.extend({ receiving: z.boolean().optional() });
export type CustomizationInput = z.output<typeof CustomizationInput>;

export const ServiceState = z.enum(SERVICE_STATES);

/** The creator's own view: the draft they edit, what viewers see, and how many orders are open. */
export const CustomizationStatus = z.object({
  state: ServiceState,
  receiving: z.boolean(),
  draft: Customization.nullable(),
  published: Customization.nullable(),
  publishedAt: z.number().int().nullable(),
  /** Pending and accepted orders. */
  openOrders: z.number().int().nonnegative(),
});
export type CustomizationStatus = z.output<typeof CustomizationStatus>;

export const ExitRequest = z.object({
  /** Must be true when open orders exist ("second confirmation"); they stay deliverable until their deadlines. */
  confirmOpenOrders: z.boolean().default(false),
});

export const OrderParty = z.object({ id: z.string(), handle: z.string(), displayName: z.string() });
export type OrderParty = z.output<typeof OrderParty>;

export const OrderInfo = z.object({
  forWhom: text(INFO_LIMITS.forWhom),
  name: text(INFO_LIMITS.name).optional(),
  address: text(INFO_LIMITS.address),
  occasion: text(INFO_LIMITS.occasion),
  instructions: text(INFO_LIMITS.instructions).optional(),
});
export type OrderInfo = z.output<typeof OrderInfo>;

export const OrderState = z.enum(ORDER_STATES);
export const CancelReason = z.object({ kind: z.enum(CANCEL_KINDS), text: z.string().optional() });
export type CancelReason = z.output<typeof CancelReason>;

export const OrderComment = z.object({
  stars: z.number().int().min(1).max(5).optional(),
  text: z.string().optional(),
  anonymous: z.boolean(),
  at: z.number().int(),
});
export type OrderComment = z.output<typeof OrderComment>;

export const Order = z.object({
  id: OrderId,
  requester: OrderParty,
  creator: OrderParty,
  priceCoins: z.number().int(),
  info: OrderInfo,
  /** As of the read: an order past its deadline is already `cancelled` here. */
  state: OrderState,
  cancelReason: CancelReason.nullable(),
  commented: z.boolean(),
  comment: OrderComment.nullable(),
  times: z.object({ requestedAt: z.number().int(), acceptedAt: z.number().int().optional(), deliveredAt: z.number().int().optional(), cancelledAt: z.number().int().optional() }),
  deadlines: z.object({ acceptBy: z.number().int().optional(), deliverBy: z.number().int().optional() }),
  /** Once delivered: `GET /orders/:id/video` (requester and creator only). */
  videoPath: z.string().nullable(),
  /** The share link's token, when the requester made one, and whether anyone with it may watch. */
  share: z.object({ token: z.string(), public: z.boolean(), path: z.string() }).nullable(),
  /** What the creator receives on delivery (price minus the platform cut); shown to the creator only, null for the requester. */
  creatorDiamonds: z.number().int().nullable(),
});
export type Order = z.output<typeof Order>;

export const CreateOrderRequest = z.object({
  creatorHandle: z.string().min(1).max(40),
  info: OrderInfo,
  /** Chosen by the client once per order; a retry with the same key and body answers the first order (200). */
  idempotencyKey: z.string().min(8).max(120),
});
export type CreateOrderRequest = z.output<typeof CreateOrderRequest>;

export const ORDERS_PAGE_MAX = 50;
export const ListOrdersQuery = z.object({
  role: z.enum(['requester', 'creator']).default('requester'),
  /** One state, or `open` (pending and accepted). */
  state: z.enum([...ORDER_STATES, 'open']).optional(),
  limit: z.coerce.number().int().min(1).max(ORDERS_PAGE_MAX).default(20),
  cursor: z
    .string()
    .regex(/^[0-9]{1,16}_ord_[0-9a-z]{10,40}$/, 'not an orders cursor')
    .optional(),
});
export type ListOrdersQuery = z.output<typeof ListOrdersQuery>;
export const OrderPage = z.object({ orders: z.array(Order), nextCursor: z.string().nullable() });
export type OrderPage = z.output<typeof OrderPage>;

/** `since`: the start of the period the client calls "this month" (its local time), in ms since the epoch. */
export const IncomeQuery = z.object({ since: z.coerce.number().int().nonnegative().max(8_640_000_000_000_000).optional() });
export type IncomeQuery = z.output<typeof IncomeQuery>;
/** The creator's income from custom videos: read from the ledger (what was paid), not from the orders list. */
export const OrderIncome = z.object({
  /** Diamonds credited by delivered orders, after the platform's cut. */
  totalDiamonds: z.number().int().nonnegative(),
  /** The same, credited at or after `since` (0 when no `since` was given). */
  sinceDiamonds: z.number().int().nonnegative(),
  /** Coins the requesters of open orders have on hold: paid on delivery (less the cut), released on a cancellation. */
  escrowCoins: z.number().int().nonnegative(),
  /** Requests waiting for an answer. */
  pendingCount: z.number().int().nonnegative(),
});
export type OrderIncome = z.output<typeof OrderIncome>;

export const OrderParams = z.object({ id: OrderId });
export const ReasonRequest = z.object({ reason: text(REASON_MAX_CHARS) });
export const DeliverRequest = z.object({ uploadId: UploadId, idempotencyKey: z.string().min(8).max(120) });
/** Not empty and at most 500 characters are checked by the domain (`checkComment`), with the field's reason. */
export const CommentRequest = z.object({ stars: z.number().int().min(1).max(5).optional(), text: text(COMMENT_MAX_CHARS).optional(), anonymous: z.boolean().default(false) });
export const ShareLinkRequest = z.object({ public: z.boolean().default(true) });
export const ShareLink = z.object({ token: z.string(), public: z.boolean(), path: z.string(), videoPath: z.string() });
export type ShareLink = z.output<typeof ShareLink>;
export const FORWARD_NOTE_MAX_CHARS = 200;
/** Sends the delivered video to one account through messages; the link stays private (that account, the requester and the creator). */
export const ForwardRequest = z.object({
  toHandle: z.string().trim().min(1, 'Enter the handle of the person to send it to').max(40),
  note: z.string().trim().max(FORWARD_NOTE_MAX_CHARS, `A note has at most ${FORWARD_NOTE_MAX_CHARS} characters`).optional(),
  idempotencyKey: z.string().min(8).max(120),
});
export const Forwarded = z.object({ to: OrderParty, conversationId: z.string(), token: z.string(), path: z.string(), videoPath: z.string() });
export type Forwarded = z.output<typeof Forwarded>;

export const ExitResponse = z.object({ exited: z.boolean(), openOrders: z.array(Order), customization: CustomizationStatus });
export type ExitResponse = z.output<typeof ExitResponse>;

export const CreatorParams = z.object({ handle: z.string().min(1).max(40) });
export const CreatorPage = z.object({
  creator: OrderParty,
  /** Null until the creator has published the service. */
  customization: Customization.extend({ state: ServiceState, introPath: z.string().nullable() }).nullable(),
  /** Why "Request a video" is disabled, or null when the viewer may order. */
  notOrderableReason: z.string().nullable(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  /** The latest comment texts, newest first; `author` is null when the requester chose anonymous. */
  comments: z.array(z.object({ stars: z.number().int().optional(), text: z.string().optional(), author: z.string().nullable(), at: z.number().int() })),
});
export type CreatorPage = z.output<typeof CreatorPage>;

export const ShareParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'not a share token') });
/** `from`: the requester, who shared or forwarded it. */
export const SharedVideo = z.object({ creator: OrderParty, from: OrderParty, occasion: z.string(), deliveredAt: z.number().int(), videoPath: z.string() });
export type SharedVideo = z.output<typeof SharedVideo>;

/** Event types on `order:<id>` and both parties' `user:<id>` (data: `{ orderId, state, change }`), and on `public` for the service. */
export const ORDER_EVENT_TYPES = ['order.created', 'order.accepted', 'order.refused', 'order.cancelled', 'order.expired', 'order.delivered', 'order.commented'] as const;
export const CUSTOMIZATION_EVENT_TYPE = 'customization.updated';

const spec = <S extends RouteSpec>(s: S): S => s;

/** Relative to API_PREFIX. */
export const orderVideoPath = (orderId: string): string => `/orders/${orderId}/video`;
export const introPath = (handle: string): string => `/creators/${encodeURIComponent(handle)}/intro`;
export const sharePath = (token: string): string => `/order-shares/${token}`;
export const sharedVideoPath = (token: string): string => `/order-shares/${token}/video`;

export const orderRoutes = {
  getCustomization: spec({
    method: 'GET',
    path: '/creators/me/customization',
    auth: 'required',
    status: 200,
    response: CustomizationStatus,
    summary: 'The caller’s custom-video service (draft and published)',
  }),
  putCustomization: spec({
    method: 'PUT',
    path: '/creators/me/customization',
    auth: 'required',
    status: 200,
    body: CustomizationInput,
    response: CustomizationStatus,
    summary: 'Save the service draft; `receiving` switches requests on/off at once',
  }),
  publishCustomization: spec({
    method: 'POST',
    path: '/creators/me/customization/publish',
    auth: 'required',
    status: 200,
    response: CustomizationStatus,
    summary: 'Publish (or re-publish) the draft',
  }),
  exitCustomization: spec({
    method: 'POST',
    path: '/creators/me/customization/exit',
    auth: 'required',
    status: 200,
    body: ExitRequest,
    response: ExitResponse,
    summary: 'Leave video customization (open orders stay deliverable until their deadlines)',
  }),
  orderIncome: spec({
    method: 'GET',
    path: '/creators/me/income',
    auth: 'required',
    status: 200,
    query: IncomeQuery,
    response: OrderIncome,
    summary: 'The caller’s income from custom videos (from the ledger) and its open requests',
  }),
  creatorPage: spec({
    method: 'GET',
    path: '/creators/:handle',
    auth: 'optional',
    status: 200,
    params: CreatorParams,
    response: CreatorPage,
    summary: 'A creator’s profile, customization, rating and latest comments',
  }),
  createOrder: spec({
    method: 'POST',
    path: '/orders',
    auth: 'required',
    status: 201,
    body: CreateOrderRequest,
    response: Order,
    summary: 'Order a custom video: holds the price (402 insufficient_funds with the shortfall)',
  }),
  listOrders: spec({
    method: 'GET',
    path: '/orders',
    auth: 'required',
    status: 200,
    query: ListOrdersQuery,
    response: OrderPage,
    summary: 'The caller’s orders as requester or creator, newest first',
  }),
  getOrder: spec({ method: 'GET', path: '/orders/:id', auth: 'required', status: 200, params: OrderParams, response: Order, summary: 'One order with its times and deadlines' }),
  acceptOrder: spec({ method: 'POST', path: '/orders/:id/accept', auth: 'required', status: 200, params: OrderParams, response: Order, summary: 'Creator accepts (within the accept window)' }),
  refuseOrder: spec({
    method: 'POST',
    path: '/orders/:id/refuse',
    auth: 'required',
    status: 200,
    params: OrderParams,
    body: ReasonRequest,
    response: Order,
    summary: 'Creator refuses; the hold is released',
  }),
  cancelOrder: spec({
    method: 'POST',
    path: '/orders/:id/cancel',
    auth: 'required',
    status: 200,
    params: OrderParams,
    body: ReasonRequest,
    response: Order,
    summary: 'Requester cancels a pending request, or the creator an accepted one; the hold is released',
  }),
  deliverOrder: spec({
    method: 'POST',
    path: '/orders/:id/deliver',
    auth: 'required',
    status: 200,
    params: OrderParams,
    body: DeliverRequest,
    response: Order,
    summary: 'Creator sends the video (idempotent per key); the hold is captured less the cut',
  }),
  commentOrder: spec({
    method: 'POST',
    path: '/orders/:id/comment',
    auth: 'required',
    status: 201,
    params: OrderParams,
    body: CommentRequest,
    response: Order,
    summary: 'Requester comments once: 1–5 stars and/or text',
  }),
  shareOrder: spec({
    method: 'POST',
    path: '/orders/:id/share-link',
    auth: 'required',
    status: 200,
    params: OrderParams,
    body: ShareLinkRequest,
    response: ShareLink,
    summary: 'Requester makes (or withdraws) a link anyone can watch the video with',
  }),
  forwardOrder: spec({
    method: 'POST',
    path: '/orders/:id/forward',
    auth: 'required',
    status: 201,
    params: OrderParams,
    body: ForwardRequest,
    response: Forwarded,
    summary: 'Requester sends the delivered video to another account through messages (idempotent per key)',
  }),
  sharedVideo: spec({ method: 'GET', path: '/order-shares/:token', auth: 'optional', status: 200, params: ShareParams, response: SharedVideo, summary: 'A shared custom video' }),
} as const;
