import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';

/** Never written to a log, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.streamKey',
  '*.stream_key',
  'password',
  'token',
  'streamKey',
];

/**
 * The platform's pino settings: JSON lines on `stream`, secrets redacted. Fastify's own per-request
 * lines are off (1.2 M requests wrote 455 MiB at info); `installRequestLogging` writes one line
 * per request at debug instead, so info carries only errors and security events.
 */
export function platformLogger(level: string, stream: NodeJS.WritableStream): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  return { logger: { level, stream, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, logController: quietRequests() };
}

/** Fastify's built-in per-request lines off (ours are at debug). */
export function quietRequests(): LogController {
  return new LogController({ disableRequestLogging: true });
}

/** One debug line per answered request: method, path without its query (queries can carry secrets), status, time. */
export function installRequestLogging(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
}
