import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, errorBody } from './api-error';
import { isStorageFull, storageFull } from './storage-full';
import { ZodValidationError } from './zod-compilers';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Every failure leaves as `{ error: { code, message } }`; 5xx details go to the log, not the client. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send(errorBody(error.code, error.message));
    if (error instanceof ZodValidationError || (error as FastifyError).code === 'FST_ERR_VALIDATION') {
      return reply.code(400).send(errorBody('validation_failed', error.message));
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? 'rate_limited' : (CODE_BY_STATUS[status] ?? 'bad_request');
      return reply.code(status).send(errorBody(code, error.message));
    }
    if (isStorageFull(error)) {
      // A full disk is the operator's emergency, not a bug: say so once per request at error level,
      // and tell the client plainly (507) instead of a bare 500.
      request.log.error({ err: error, event: 'storage_full' }, 'storage full: a write was refused');
      const full = storageFull();
      return reply.code(full.statusCode).send(errorBody(full.code, full.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'The platform failed to answer; try again'));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)));
}
