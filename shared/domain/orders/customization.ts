/**
 * A creator's custom-video service. Its life: never set up → (draft saved) → published, with
 * receiving on or off → exited (and published again later, if they like). Edits to the content
 * (price, description, intro, cap) are a draft until published; the receiving switch acts at once.
 */
export const PRICE_MIN_COINS = 1;
export const PRICE_MAX_COINS = 100_000;
export const DESCRIPTION_MAX_CHARS = 2_000;
export const MAX_OPEN_ORDERS_LIMIT = 1_000;

export const SERVICE_STATES = ['never', 'draft', 'published', 'exited'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

export interface CustomizationContent {
  readonly priceCoins: number;
  readonly description: string;
  readonly introUploadId?: string | undefined;
  readonly maxOpenOrders?: number | undefined;
}

export interface ServiceStatus {
  readonly state: ServiceState;
  readonly receiving: boolean;
}

export type ServiceAction = 'save' | 'publish' | 'receive_on' | 'receive_off' | 'exit';

export type ServiceDecision = { readonly ok: true; readonly next: ServiceStatus } | { readonly ok: false; readonly reason: string };

/** The service's transitions; content checks are `checkContent`'s. */
export function decideService(status: ServiceStatus, action: ServiceAction): ServiceDecision {
  switch (action) {
    case 'save':
      return { ok: true, next: { ...status, state: status.state === 'never' ? 'draft' : status.state } };
    case 'publish':
      if (status.state === 'never') return { ok: false, reason: 'Save the service before publishing it' };
      // First publication and coming back after an exit both open for requests.
      return { ok: true, next: { state: 'published', receiving: status.state === 'published' ? status.receiving : true } };
    case 'receive_on':
    case 'receive_off':
      if (status.state !== 'published') return { ok: false, reason: 'Publish the service before switching requests on or off' };
      return { ok: true, next: { ...status, receiving: action === 'receive_on' } };
    case 'exit':
      if (status.state !== 'published') return { ok: false, reason: 'The service is not published' };
      return { ok: true, next: { state: 'exited', receiving: false } };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

export type OrderingRefusal = 'not_published' | 'not_receiving' | 'full' | 'own_service';

/** Whether a viewer may order now; `openOrders` counts the creator's pending and accepted orders. */
export function mayOrder(
  status: ServiceStatus,
  cap: number | undefined,
  openOrders: number,
  self: boolean,
): { readonly ok: true } | { readonly ok: false; readonly code: OrderingRefusal; readonly reason: string } {
  if (self) return { ok: false, code: 'own_service', reason: 'You cannot order a video from yourself' };
  if (status.state !== 'published')
    return { ok: false, code: 'not_published', reason: status.state === 'exited' ? 'This creator has left video customization' : 'This creator does not offer custom videos' };
  if (!status.receiving) return { ok: false, code: 'not_receiving', reason: 'This creator is not receiving requests right now' };
  if (cap !== undefined && openOrders >= cap) return { ok: false, code: 'full', reason: 'This creator has as many open requests as they take; try again later' };
  return { ok: true };
}

export type ContentProblem = { readonly field: string; readonly reason: string };

/** Price 1–100,000 whole coins, a description (≤ 2,000 characters, not empty), cap 1–1,000. */
export function checkContent(
  content: Readonly<Record<string, unknown>>,
): { readonly ok: true; readonly value: CustomizationContent } | { readonly ok: false; readonly problems: readonly ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const price = content.priceCoins;
  if (typeof price !== 'number' || !Number.isSafeInteger(price) || price < PRICE_MIN_COINS || price > PRICE_MAX_COINS)
    problems.push({ field: 'priceCoins', reason: `A price is ${PRICE_MIN_COINS} to ${PRICE_MAX_COINS.toLocaleString('en')} whole coins` });
  const description = typeof content.description === 'string' ? content.description.trim() : '';
  if (description === '') problems.push({ field: 'description', reason: 'Say what you offer' });
  else if ([...description].length > DESCRIPTION_MAX_CHARS) problems.push({ field: 'description', reason: `At most ${DESCRIPTION_MAX_CHARS} characters` });
  const cap = content.maxOpenOrders;
  if (cap !== undefined && cap !== null && (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1 || cap > MAX_OPEN_ORDERS_LIMIT))
    problems.push({ field: 'maxOpenOrders', reason: `A cap is 1 to ${MAX_OPEN_ORDERS_LIMIT} open requests` });
  const intro = content.introUploadId;
  if (intro !== undefined && intro !== null && typeof intro !== 'string') problems.push({ field: 'introUploadId', reason: 'Not an upload' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      priceCoins: price as number,
      description,
      ...(typeof intro === 'string' ? { introUploadId: intro } : {}),
      ...(typeof cap === 'number' ? { maxOpenOrders: cap } : {}),
    },
  };
}

/** Average stars to one decimal (null with no rated comments). */
export function averageStars(stars: readonly number[]): number | null {
  if (stars.length === 0) return null;
  return Math.round((stars.reduce((a, b) => a + b, 0) / stars.length) * 10) / 10;
}
