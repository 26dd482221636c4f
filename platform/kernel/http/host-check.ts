import type { FastifyInstance } from 'fastify';
import { errorBody } from './api-error';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** `Host` → lower-case hostname (brackets kept for IPv6) and the whole value. */
function split(host: string): { readonly name: string; readonly whole: string } {
  const whole = host.trim().toLowerCase();
  const name = whole.startsWith('[') ? whole.slice(0, whole.indexOf(']') + 1) : whole.replace(/:\d+$/, '');
  return { name, whole };
}

/**
 * Refuses (421 host_not_allowed) a request whose `Host` is not a name the platform serves: the
 * loopback forms, the address the connection arrived at (what a client that typed the IP sends),
 * and `allowed` (names or name:port, e.g. the public name behind a proxy). A page on an attacker's
 * domain that rebinds its DNS to 127.0.0.1 still sends its own domain as Host, so it is refused.
 */
export function installHostCheck(app: FastifyInstance, allowed: readonly string[]): void {
  const extra = new Set(allowed.map((h) => h.trim().toLowerCase()));
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    if (host !== undefined) {
      const { name, whole } = split(host);
      const local = request.socket.localAddress?.replace(/^::ffff:/, '');
      if (LOOPBACK_NAMES.has(name) || extra.has(name) || extra.has(whole) || (local !== undefined && (name === local || name === `[${local}]`))) return;
    }
    request.log.warn({ event: 'host_refused', host, ip: request.ip }, 'request for a host this platform does not serve');
    await reply.code(421).send(errorBody('host_not_allowed', 'This platform does not serve that host name'));
  });
}
