import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { API_PREFIX, ErrorBody, type RouteSpec } from '@shared/protocol/index';
import { ApiError } from './api-error';
import { requestSession, type Session, type SessionResolver } from './auth';

type Part<S, K extends string> = S extends { readonly [P in K]: infer T extends z.ZodType } ? z.output<T> : undefined;
type Reply<S> = S extends { readonly response: infer T extends z.ZodType } ? z.input<T> : null;
type SessionOf<S> = S extends { readonly auth: 'required' } ? Session : Session | null;

/**
 * A response body that is already JSON text (a cached page): sent as it is, so a page serialised
 * once is not serialised again for every request. The handler vouches that it matches the route's
 * response schema, as it does for the objects it returns. Bytes (UTF-8) are written as they are;
 * a string is encoded again for every response.
 */
export class JsonText {
  constructor(readonly text: string | Buffer) {}
}

export interface RouteInput<S extends RouteSpec> {
  readonly body: Part<S, 'body'>;
  readonly params: Part<S, 'params'>;
  readonly query: Part<S, 'query'>;
  readonly session: SessionOf<S>;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** Overrides the route's usual success status (an idempotent replay answers 200, not 201). */
  readonly setStatus: (status: number) => void;
}

/** What `addRoute` needs from the kernel: who is calling, and how hard to limit the sign-in routes. */
export interface RouteOptions {
  readonly auth: SessionResolver;
  readonly authRateLimit: { readonly max: number; readonly timeWindowMs: number };
}

const errorResponses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };

/**
 * Registers one route of the protocol table: its zod schemas validate the request and document it,
 * its auth mode is enforced before the handler runs, and the handler returns the body.
 */
export function addRoute<S extends RouteSpec>(app: FastifyInstance, options: RouteOptions, spec: S, handler: (input: RouteInput<S>) => Promise<Reply<S> | JsonText>): void {
  app.route({
    method: spec.method,
    url: API_PREFIX + spec.path,
    schema: {
      summary: spec.summary,
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.auth === 'none' ? {} : { security: [{ bearer: [] }] }),
      response: spec.response ? { [spec.status]: spec.response, ...errorResponses } : errorResponses,
    },
    config: spec.rateLimited ? { rateLimit: { max: options.authRateLimit.max, timeWindow: options.authRateLimit.timeWindowMs } } : {},
    handler: async (request, reply: FastifyReply) => {
      const session = spec.auth === 'none' ? null : await requestSession(options.auth, request, spec.auth);
      if (spec.auth === 'required' && !session) throw new ApiError('unauthorized', 'Sign in first');
      let status: number = spec.status;
      const result = await handler({
        body: request.body as Part<S, 'body'>,
        params: request.params as Part<S, 'params'>,
        query: request.query as Part<S, 'query'>,
        session: session as SessionOf<S>,
        request,
        reply,
        setStatus: (code) => {
          status = code;
        },
      });
      if (reply.sent) return reply;
      if (spec.status === 204) return reply.code(204).send();
      if (result instanceof JsonText) return reply.code(status).type('application/json; charset=utf-8').send(result.text);
      return reply.code(status).send(result);
    },
  });
}
