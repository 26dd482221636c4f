import WebSocket from 'ws';
import { EVENTS_PATH, PlatformEvent } from '../../../shared/protocol/index';
import type { Logger } from '../logger';
import { backoffDelay, type BackoffPolicy } from './backoff';

export interface PlatformEventsOptions {
  readonly platformUrl: () => string;
  readonly onEvent: (event: PlatformEvent) => void;
  /** Called on every (re)connection: the composition root wires it to `sync.retryNow()`, so queued posts go out as soon as the platform is back instead of at the next backoff tick. */
  readonly onConnected?: () => void;
  readonly onDisconnected?: () => void;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly logger?: Logger;
}

/** The platform's live events (new public videos, anchor triggers) over one WebSocket that reconnects with backoff. */
export class PlatformEventsClient {
  private socket: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private running = false;

  constructor(private readonly options: Readonly<PlatformEventsOptions>) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
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
    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.on('open', () => {
      opened = true;
      this.failures = 0;
      this.options.onConnected?.();
    });
    socket.on('message', (data) => {
      const parsed = PlatformEvent.safeParse(safeJson(String(data)));
      if (parsed.success) this.options.onEvent(parsed.data);
      else this.options.logger?.warn('ignored a platform event that does not match the protocol', { data: String(data).slice(0, 200) });
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
