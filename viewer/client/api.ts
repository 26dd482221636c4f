import type { z } from 'zod';
import { ErrorBody } from '@shared/protocol/errors';
import { API_PREFIX, fillPath, type RouteSpec } from '@shared/protocol/routes';

/** A refused or failed call: the platform's error code (or `network`/`bad_response`) and its sentence. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error object's other fields (a 402's `shortfall`), unchecked: read them with a schema. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const isFailure = (error: unknown, ...codes: readonly string[]): error is ApiFailure => error instanceof ApiFailure && (codes.length === 0 || codes.includes(error.code));

type Out<S extends RouteSpec> = S['response'] extends z.ZodType ? z.output<S['response']> : null;

export interface CallInput {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/**
 * One call to the platform's API on this origin, from the shared route table. The session travels
 * as the platform's HttpOnly cookie (never readable here); the browser adds the same-origin
 * `Origin` header that cookie-authenticated mutations are checked against. Answers are validated
 * with the route's response schema, so a page only ever sees well-formed data.
 */
export async function call<S extends RouteSpec>(spec: S, input: CallInput = {}): Promise<Out<S>> {
  const url = new URL(API_PREFIX + fillPath(spec.path, input.params), location.origin);
  for (const [key, value] of Object.entries(input.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  let response: Response;
  try {
    response = await fetch(url, {
      method: spec.method,
      credentials: 'same-origin',
      headers: input.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      signal: input.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiFailure(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiFailure(response.status, 'bad_response', `The platform answered ${response.status} with something that is not JSON`);
    }
  }
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(json);
    throw parsed.success
      ? new ApiFailure(response.status, parsed.data.error.code, parsed.data.error.message, (json as { error: Record<string, unknown> }).error)
      : new ApiFailure(response.status, 'bad_response', `The platform answered ${response.status}`);
  }
  if (!spec.response) return null as Out<S>;
  const parsed = spec.response.safeParse(json);
  if (!parsed.success) throw new ApiFailure(response.status, 'bad_response', 'The platform’s answer did not have the expected shape');
  return parsed.data as Out<S>;
}
