import WebSocket from 'ws';
import { ServerMessage, toPlatformEvent, type EventEnvelope, type Topic } from '@shared/protocol/events';
import { EVENTS_PATH, type PlatformEvent } from '@shared/protocol/index';
import type { Logger } from '../logger';
import { backoffDelay, type BackoffPolicy } from './backoff';

export interface PlatformEventsOptions {
  readonly platformUrl: () => string;
  readonly onEvent: (event: PlatformEvent) => void;
  /** Called on every (re)connection: the composition root wires it to `sync.retryNow()`, so queued posts go out as soon as the platform is back instead of at the next backoff tick. */
  readonly onConnected?: () => void;
  readonly onDisconnected?: () => void;
  /** The platform no longer has the events since our last id (past its retention): refresh whatever was built from them. */
  readonly onResync?: () => void;
  /** A session token, sent on connecting, so the socket may read the account's own topics. */
  readonly token?: () => string | null;
  /**
   * Topics to read, given the account the platform signed the socket in as (null: anonymous).
   * Without it: `public`, subscribed at once. An empty list waits and retries (e.g. signed out).
   */
  readonly topics?: (userId: string | null) => readonly Topic[];
  /** Every event as logged (any topic), besides `onEvent`'s public ones. */
  readonly onEnvelope?: (event: EventEnvelope) => void;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly logger?: Logger;
}

/**
 * The platform's public events (new public videos, anchor triggers) over one WebSocket that
 * reconnects with backoff. It keeps the id of the last event it saw and resumes from it, so a drop
 * loses nothing and repeats nothing: the platform replays what was missed from its event log.
 */
export class PlatformEventsClient {
  private socket: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private running = false;
  private lastId: number | undefined;

  constructor(private readonly options: Readonly<PlatformEventsOptions>) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** The id to resume from (undefined before the first subscription). */
  get lastEventId(): number | undefined {
    return this.lastId;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.terminate();
    this.socket = null;
  }

  private connect(): void {
    const url = new URL(EVENTS_PATH, this.options.platformUrl());
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const token = this.options.token?.() ?? null;
    const socket = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    this.socket = socket;
    let opened = false;
    let topics: readonly Topic[] = ['public'];
    const subscribe = (): void => socket.send(JSON.stringify({ type: 'subscribe', topics, ...(this.lastId === undefined ? {} : { after: this.lastId }) }));
    socket.on('open', () => {
      opened = true;
      this.failures = 0;
      // With `topics`, the subscription waits for 'ready', which says whom the platform signed in.
      if (!this.options.topics) subscribe();
      this.options.onConnected?.();
    });
    socket.on('message', (data) => {
      const parsed = ServerMessage.safeParse(safeJson(String(data)));
      if (!parsed.success) {
        this.options.logger?.warn('ignored a platform message that does not match the protocol', { data: String(data).slice(0, 200) });
        return;
      }
      const message = parsed.data;
      if ('id' in message) {
        // The platform sends each event once, in id order; the guard only protects against a confused server.
        if (this.lastId !== undefined && message.id <= this.lastId) return;
        this.lastId = message.id;
        this.options.onEnvelope?.(message);
        const event = toPlatformEvent(message);
        if (event) this.options.onEvent(event);
        return;
      }
      switch (message.type) {
        case 'subscribed':
          this.lastId ??= message.after;
          return;
        case 'resync_required':
          this.lastId = undefined;
          this.options.onResync?.();
          subscribe();
          return;
        case 'error':
          this.options.logger?.warn('the platform refused the events subscription', { code: message.code, message: message.message });
          return;
        case 'ready':
          if (!this.options.topics) return;
          topics = this.options.topics(message.userId);
          if (topics.length > 0) subscribe();
          else socket.close(); // nothing to read as this account (signed out): try again later
          return;
        default: {
          const unreachable: never = message;
          return unreachable;
        }
      }
    });
    socket.on('error', () => undefined); // 'close' follows and schedules the retry
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (opened) this.options.onDisconnected?.();
      if (!this.running) return;
      this.failures++;
      const delay = backoffDelay(this.failures, this.options.backoff ?? { baseMs: 500, maxMs: 30_000 }, this.options.random ?? Math.random);
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
