import { EVENTS_PATH } from '@shared/protocol/routes';
import { ServerMessage, type EventEnvelope } from '@shared/protocol/events';

export type LiveListener = (event: EventEnvelope) => void;

/** Reconnect delays: quick at first, then at most every 15 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
}

/**
 * The signed-in viewer's live events (`user:<id>`: messages, notifications) over the platform's
 * event-log socket. The session cookie authenticates the upgrade (same origin). It keeps the id of
 * the last event it saw and resubscribes with it after any drop, so nothing is missed or repeated;
 * `resync_required` (too old to resume) makes listeners reload their state. No polling.
 */
export class LiveEvents {
  private socket: WebSocket | null = null;
  private lastId: number | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly listeners = new Set<LiveListener>();
  private readonly resyncListeners = new Set<() => void>();

  /** `userId` null: only public topics (`public`), with or without a signed-in cookie. */
  constructor(
    private readonly userId: string | null,
    private readonly topics: readonly string[] = userId ? [`user:${userId}`] : ['public'],
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = null;
  }

  on(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the log could not resume (reload counts and lists), and after each reconnect's replay started. */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  private connect(): void {
    const url = new URL(EVENTS_PATH, location.origin);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (message) => this.receive(socket, message.data);
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      this.timer = setTimeout(() => this.connect(), reconnectDelay(this.attempt++));
    };
  }

  private receive(socket: WebSocket, data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerMessage.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if ('id' in message) {
      if (this.lastId !== null && message.id <= this.lastId) return;
      this.lastId = message.id;
      for (const listener of this.listeners) listener(message);
      return;
    }
    switch (message.type) {
      case 'ready':
        // A socket the cookie did not sign in cannot read user topics: stay closed rather than retry forever.
        if (this.userId !== null && message.userId !== this.userId) return void this.stopAfterRefusal(socket);
        socket.send(JSON.stringify({ type: 'subscribe', topics: this.topics, ...(this.lastId === null ? {} : { after: this.lastId }) }));
        return;
      case 'subscribed':
        this.attempt = 0;
        if (this.lastId === null) this.lastId = message.after;
        return;
      case 'resync_required':
        this.lastId = null;
        for (const listener of this.resyncListeners) listener();
        socket.send(JSON.stringify({ type: 'subscribe', topics: this.topics }));
        return;
      case 'error':
        return;
    }
  }

  private stopAfterRefusal(socket: WebSocket): void {
    console.warn('live events: the platform did not accept this session on the events socket');
    this.stopped = true;
    socket.close(1000);
  }
}
