import { z } from 'zod';

/** Every error code the platform answers with, and the HTTP status it travels with. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  invalid_anchor: 400,
  unauthorized: 401,
  token_expired: 401,
  invalid_credentials: 401,
  insufficient_funds: 402,
  payment_declined: 402,
  forbidden: 403,
  blocked: 403,
  csrf: 403,
  not_found: 404,
  handle_taken: 409,
  idempotency_conflict: 409,
  upload_incomplete: 409,
  upload_used: 409,
  hold_settled: 409,
  room_closed: 409,
  /** This platform runs without its media server (nginx + RTMP module): no live video. */
  live_off: 409,
  gift_closed: 409,
  gift_claimed: 409,
  code_used: 409,
  code_expired: 410,
  code_malformed: 400,
  code_unknown: 404,
  free_gift_limit: 429,
  invalid_state: 409,
  deadline_passed: 409,
  already_commented: 409,
  not_receiving: 409,
  own_order: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  host_not_allowed: 421,
  not_a_video: 422,
  rate_limited: 429,
  too_many_uploads: 429,
  internal: 500,
  storage_full: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCode = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** The one error shape: `{ "error": { "code", "message" } }`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ErrorBody = z.output<typeof ErrorBody>;
