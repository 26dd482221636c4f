import { z } from 'zod';
import { DESCRIPTION_MAX_CHARS, MAX_OPEN_ORDERS_LIMIT, PRICE_MAX_COINS, PRICE_MIN_COINS } from '../../domain/orders/customization';
import { REASON_MAX_CHARS } from '../../domain/orders/info';
import { DraftId, PostJobId } from '../../domain/ids';
import { CustomizationStatus, ExitResponse, Order, OrderId, OrderPage, OrderState } from '../../protocol/orders';
import { eventFor, method, noun } from '../define';
import { FailureNoteWire } from '../failure-text';
import { PostJobState } from './sync';

/** The creator's income from custom videos, as the platform's ledger has it (`GET /creators/me/income`). */
export const OrdersSummary = z.object({
  /** Diamonds credited for every delivered order (price minus the platform's cut). */
  totalDiamonds: z.number().int().nonnegative(),
  /** The same, for orders delivered since the start of this calendar month (the studio's local time). */
  monthDiamonds: z.number().int().nonnegative(),
  /** Coins the requesters of open orders have on hold: paid out (less the cut) on delivery, released on a cancellation. */
  escrowCoins: z.number().int().nonnegative(),
  /** Requests waiting for an answer: the rail's badge. */
  pendingCount: z.number().int().nonnegative(),
});
export type OrdersSummary = z.output<typeof OrdersSummary>;

/** A change to one of the creator's orders, from the platform's `order.*` events on `user:<id>`. */
export const OrderChanged = z.object({
  orderId: OrderId,
  state: OrderState,
  /** `created` for a new request; then accepted, refused, cancelled, expired, delivered, commented. */
  change: z.string().max(40),
  /** The studio account is the order's creator (not the requester). */
  asCreator: z.boolean(),
});
export type OrderChanged = z.output<typeof OrderChanged>;

/**
 * A video on its way to an order through the studio's outbox: queued → uploading → creating (the
 * deliver call) → done; waiting (offline, retried with backoff), needs_sign_in, failed with the
 * platform's reason. It survives a restart and is sent with one idempotency key, so never twice.
 */
export const DeliveryView = z.object({
  jobId: PostJobId,
  orderId: OrderId,
  draftId: DraftId.nullable(),
  state: PostJobState,
  sentBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  lastError: FailureNoteWire.nullable(),
  nextAttemptAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
});
export type DeliveryView = z.output<typeof DeliveryView>;

export const SaveCustomization = z.object({
  priceCoins: z.number().int().min(PRICE_MIN_COINS).max(PRICE_MAX_COINS),
  description: z.string().max(DESCRIPTION_MAX_CHARS * 2),
  maxOpenOrders: z.number().int().min(1).max(MAX_OPEN_ORDERS_LIMIT).optional(),
  /** A ready video draft to upload as the introduction; without it the saved intro is kept. */
  introDraftId: DraftId.optional(),
});

/**
 * Custom video orders, creator side (issue 13): the studio account's customization service and the
 * orders it receives. Main holds the session and talks to the platform; new requests and every
 * change arrive live as `orders.changed`.
 */
export const orders = noun({
  methods: {
    customization: method(z.undefined(), CustomizationStatus),
    /** Saves the draft of the service (uploading the intro draft first when one is given). */
    save: method(SaveCustomization, CustomizationStatus),
    publish: method(z.undefined(), CustomizationStatus),
    /** The receiving switch: acts at once on the published service. */
    setReceiving: method(z.object({ receiving: z.boolean() }), CustomizationStatus),
    /** `confirmOpenOrders` is the second confirmation; without it and with open orders, nothing changes and they are listed. */
    exit: method(z.object({ confirmOpenOrders: z.boolean() }), ExitResponse),
    list: method(z.object({ state: z.enum(['pending_acceptance', 'accepted', 'delivered', 'cancelled', 'open']).optional(), cursor: z.string().max(80).optional() }), OrderPage),
    get: method(z.object({ orderId: OrderId }), Order),
    accept: method(z.object({ orderId: OrderId }), Order),
    refuse: method(z.object({ orderId: OrderId, reason: z.string().trim().min(1).max(REASON_MAX_CHARS) }), Order),
    summary: method(z.undefined(), OrdersSummary),
    /** Send: the draft's exported MP4 goes to the order through the outbox (upload, then deliver with a fixed key). */
    send: method(z.object({ orderId: OrderId, draftId: DraftId }), DeliveryView),
    /** The order's delivery in the outbox, if one was queued here. */
    delivery: method(z.object({ orderId: OrderId }), DeliveryView.nullable()),
  },
  events: {
    /** Subscribe with `{ orderId }` for one order's page; without one, every change (the list, the badge). */
    changed: eventFor(OrderChanged, z.object({ orderId: OrderId }), (arg, e) => e.orderId === arg.orderId),
    /** A delivery changed state or made progress (about ten times a second while uploading). */
    delivery: eventFor(DeliveryView, z.object({ orderId: OrderId }), (arg, d) => d.orderId === arg.orderId),
  },
});
