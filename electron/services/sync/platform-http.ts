import type { z } from 'zod';
import { API_PREFIX, ErrorBody, fillPath, routes, type RouteName, type Routes } from '@shared/protocol/index';
import type { RouteSpec } from '@shared/protocol/routes';

/** The platform answered with an error body (or a status without one). */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** No answer at all: refused, reset, timed out. The caller treats it as "offline, try later". */
export class PlatformUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlatformUnreachableError';
  }
}

type In<S, K extends string> = S extends { readonly [P in K]: infer T extends z.ZodType } ? z.input<T> : undefined;
export type Out<S> = S extends { readonly response: infer T extends z.ZodType } ? z.output<T> : null;

export type CallInput<N extends RouteName> = { readonly params?: In<Routes[N], 'params'>; readonly query?: In<Routes[N], 'query'>; readonly body?: In<Routes[N], 'body'> };

export interface PlatformHttpOptions {
  /** Origin of the platform, e.g. `http://127.0.0.1:8123`. */
  readonly baseUrl: string;
  readonly token?: () => string | null;
  readonly timeoutMs?: number;
}

/**
 * Calls one JSON route of the protocol table and validates the answer with the same zod schema
 * the server used, so a drifting platform fails loudly here instead of deep inside the UI.
 */
export async function callRoute<N extends RouteName>(options: PlatformHttpOptions, name: N, input: CallInput<N> = {}): Promise<Out<Routes[N]>> {
  return callSpec(options, routes[name], name, input as SpecInput<Routes[N]>);
}

export type SpecInput<S> = { readonly params?: In<S, 'params'>; readonly query?: In<S, 'query'>; readonly body?: In<S, 'body'> };

/** `callRoute` for a route table a feature keeps itself (messages, notifications…). */
export async function callSpec<S extends RouteSpec>(options: PlatformHttpOptions, spec: S, name: string, input: SpecInput<S> = {}): Promise<Out<S>> {
  const url = new URL(API_PREFIX + fillPath(spec.path, (input.params ?? {}) as Record<string, string>), options.baseUrl);
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token?.() ?? null;
  if (token) headers.authorization = `Bearer ${token}`;
  if (input.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method: spec.method,
      headers,
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new PlatformUnreachableError(`The platform at ${options.baseUrl} did not answer (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(safeJson(text));
    throw parsed.success
      ? new PlatformError(response.status, parsed.data.error.code, parsed.data.error.message)
      : new PlatformError(response.status, 'http_error', `The platform answered ${response.status}`);
  }
  if (!('response' in spec) || !spec.response) return null as Out<S>;
  const parsed = spec.response.safeParse(safeJson(text));
  if (!parsed.success) throw new PlatformError(response.status, 'bad_response', `The platform's answer to ${name} did not match the protocol: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data as Out<S>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
