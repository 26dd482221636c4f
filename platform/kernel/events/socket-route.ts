import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { ClientMessage, type ControlMessage, type EventEnvelope } from '@shared/protocol/events';
import { EVENTS_PATH } from '@shared/protocol/routes';
import { ApiError } from '../http/api-error';
import { socketSession, type SessionResolver } from '../http/auth';
import type { EventLog } from './event-log';
import type { EventHub, Subscription } from './hub';
import { SocketOutbox } from './socket-outbox';
import type { TopicAuthorizer } from './topics';

export { eventText } from './event-text';

export interface EventsSocketOptions {
  readonly hub: EventHub;
  readonly log: EventLog;
  readonly auth: SessionResolver;
  readonly topics: TopicAuthorizer;
  readonly limits?: Partial<EventsSocketLimits>;
}

export interface EventsSocketLimits {
  readonly socketsPerIp: number;
  readonly socketsPerAccount: number;
  /** A socket that has not subscribed by then is closed (idle anonymous sockets cost memory). */
  readonly subscribeWithinMs: number;
  readonly heartbeatMs: number;
  /** A subscriber that stops reading is dropped (it resumes from its last id) rather than buffered without end. */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_EVENTS_LIMITS: EventsSocketLimits = { socketsPerIp: 20, socketsPerAccount: 10, subscribeWithinMs: 10_000, heartbeatMs: 30_000, maxBufferedBytes: 1 << 20 };

/**
 * A room's (or Discover's) events go out at most about 10 times a second per socket: at 1,000 gifts/s
 * a viewer socket gets 10 writes of ~100 notices instead of hundreds of small ones (the kernel's write
 * per socket is the fan-out's cost: 2,000 sockets × 20 flushes/s took half a core on PostgreSQL at
 * 50 gifts/s). A socket's own events (the streamer's gift) never wait.
 */
const BROADCAST_MIN_PACE_MS = 100;

/** WebSocket close codes: policy violation, and "try again later" for a full server. */
const POLICY = 1008;
const TRY_AGAIN = 1013;

/**
 * `/api/v1/events`: authenticate (Bearer header, or a first `hello`), `subscribe { topics, after }`,
 * receive the missed events from the log and then live ones. Incoming frames are capped by the
 * WebSocket server's maxPayload (registered in app.ts).
 */
export const eventsSocket: FastifyPluginAsync<EventsSocketOptions> = async (app, options) => {
  const limits = { ...DEFAULT_EVENTS_LIMITS, ...options.limits };
  const perIp = new Map<string, number>();
  const perAccount = new Map<string, number>();
  const alive = new Map<WebSocket, boolean>();
  const outbox = new SocketOutbox({ maxBufferedBytes: limits.maxBufferedBytes, minPaceMs: BROADCAST_MIN_PACE_MS });
  const bump = (map: Map<string, number>, key: string, by: number): void => {
    const next = (map.get(key) ?? 0) + by;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  };

  const heartbeat = setInterval(() => {
    for (const [socket, answered] of alive) {
      if (!answered) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();
  app.addHook('onClose', () => clearInterval(heartbeat));

  app.get(
    EVENTS_PATH,
    {
      websocket: true,
      schema: { hide: true },
      // Refused before the upgrade: a plain HTTP answer the client can read.
      preValidation: async (request, reply) => {
        if ((perIp.get(request.ip) ?? 0) >= limits.socketsPerIp) {
          return reply.code(429).send({ error: { code: 'rate_limited', message: `At most ${limits.socketsPerIp} event sockets per address` } });
        }
        const session = await socketSession(options.auth, request).catch((error: unknown) => {
          if (error instanceof ApiError) return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
          throw error;
        });
        if (session && 'user' in session && (perAccount.get(session.user.id) ?? 0) >= limits.socketsPerAccount) {
          return reply.code(429).send({ error: { code: 'rate_limited', message: `At most ${limits.socketsPerAccount} event sockets per account` } });
        }
        return undefined;
      },
    },
    async (socket, request) => {
      const ip = request.ip;
      bump(perIp, ip, 1);
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      // Listen before the first await: ws drops messages that arrive while nobody listens, and a
      // client may subscribe right on open, while its session is still being looked up. Messages
      // wait in the queue until the socket's session is known (`handshakeDone`).
      let handshakeDone!: () => void;
      let queue = new Promise<void>((resolve) => (handshakeDone = resolve));
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        const text = isBinary ? '' : data.toString('utf8');
        queue = queue
          .then(() => handle(text))
          .catch((error: unknown) => {
            request.log.warn({ err: error }, 'events socket message failed');
            refuse('internal', 'The platform failed to handle that message', 1011);
          });
      });
      let userId: string | null = null;
      let subscribed = false;
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      let dropQueued: (() => void) | null = null;
      const control = (message: ControlMessage): void => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      };
      const refuse = (code: string, message: string, closeCode = POLICY): void => {
        control({ type: 'error', code, message });
        socket.close(closeCode, code);
      };
      const idle = setTimeout(() => refuse('subscribe_timeout', `Subscribe within ${limits.subscribeWithinMs} ms`), limits.subscribeWithinMs);
      socket.on('close', () => {
        closed = true;
        clearTimeout(idle);
        alive.delete(socket);
        unsubscribe?.();
        dropQueued?.();
        bump(perIp, ip, -1);
        if (userId) bump(perAccount, userId, -1);
      });
      socket.on('error', () => undefined);

      const signIn = (id: string): boolean => {
        if ((perAccount.get(id) ?? 0) >= limits.socketsPerAccount) {
          refuse('rate_limited', `At most ${limits.socketsPerAccount} event sockets per account`, TRY_AGAIN);
          return false;
        }
        userId = id;
        bump(perAccount, id, 1);
        return true;
      };
      const header = await socketSession(options.auth, request).catch(() => null);
      if (header && !signIn(header.user.id)) return;
      control({ type: 'ready', userId });
      handshakeDone();

      const handle = async (text: string): Promise<void> => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return refuse('bad_request', 'Messages are JSON');
        }
        const parsed = ClientMessage.safeParse(json);
        if (!parsed.success) return refuse('bad_request', 'Send { type: "hello", token } or { type: "subscribe", topics, after }');
        const message = parsed.data;
        switch (message.type) {
          case 'hello': {
            if (userId || subscribed) return refuse('bad_request', 'hello comes first, once');
            const session = await options.auth.resolve(`Bearer ${message.token}`).catch(() => null);
            if (!session) return refuse('unauthorized', 'That token is not a valid session');
            if (signIn(session.user.id)) control({ type: 'ready', userId });
            return;
          }
          case 'subscribe': {
            if (subscribed) return refuse('bad_request', 'One subscription per socket');
            for (const topic of message.topics) {
              if (!(await options.topics.mayRead(topic, userId))) return refuse('forbidden', `Not allowed to read ${topic}`);
            }
            if (message.after !== undefined && (await options.log.resyncNeeded(message.after))) {
              control({ type: 'resync_required' });
              return;
            }
            subscribed = true;
            clearTimeout(idle);
            const topics = new Set(message.topics);
            // Events leave through the outbox: live ones through the feed this socket shares with every
            // socket of the same topics, one write per socket per tick (see SocketOutbox).
            const slot = outbox.slot(socket, topics);
            dropQueued = () => slot.drop();
            const sub: Subscription = {
              topics,
              feed: slot,
              send: (event: EventEnvelope) => slot.push(event),
              get closed() {
                return closed;
              },
            };
            // Without `after` the client starts at the node's position; it learns that id to resume from.
            control({ type: 'subscribed', topics: message.topics, after: message.after ?? options.hub.position });
            const remove = await options.hub.subscribe(sub, message.after);
            if (closed) remove();
            else unsubscribe = remove;
            return;
          }
          default: {
            const unreachable: never = message;
            return unreachable;
          }
        }
      };
      // Messages are handled one at a time, in order (the queue above): a subscribe right after a hello waits for the hello.
    },
  );
};
