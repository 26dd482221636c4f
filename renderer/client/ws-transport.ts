import { createClient, type SubscriptionArg } from '@shared/ipc/client';
import { contract, events, type StudioEvents } from '@shared/ipc/contract';
import type { EventListener, EventName } from '@shared/ipc/define';
import { fail, type Result } from '@shared/ipc/result';
import { EventSubscriber } from '@shared/ipc/subscriptions';
import { decodeFrame, encodeFrame, ServerFrame, WS_CLOSE_UNAUTHORIZED } from '@shared/ipc/wire';
import { t } from '../i18n/i18n';
import { connectionStore, refusalStore } from './connection-store';
import type { StudioClient } from './studio-client-type';

const CALL_TIMEOUT_MS = 120_000;
/**
 * A refused page's socket opens and is closed by the host at once (a browser cannot read an
 * upgrade's status, so the host refuses with close 4401 instead): after a refusal, a socket counts
 * as let in only once it has stayed open this long. Without this the state flipped between "open"
 * and "reconnecting" with every retry, and nothing ever said the page was refused.
 */
const LET_IN_AFTER_REFUSAL_MS = 1000;

/**
 * The contract over the browser-hosted studio's WebSocket. Calls made while disconnected wait for
 * the reconnect (up to the timeout); a dropped connection fails in-flight calls with `unavailable`
 * rather than leaving them hanging, and reconnects with backoff.
 */
export function createWsStudio(url: string): StudioClient {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retry = 0;
  // The socket the host has let in: calls and subscriptions go only over it.
  let letIn = false;
  let refused = false;
  let letInTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> }>();
  const queue: (string | Uint8Array<ArrayBuffer>)[] = [];
  const send = (frame: string | Uint8Array<ArrayBuffer>): void => {
    if (letIn && socket?.readyState === WebSocket.OPEN) socket.send(frame);
    else queue.push(frame);
  };
  // The host sends this page only the events it subscribed to; after a reconnect it asks again.
  const subscriber = new EventSubscriber(events, (message) => send(encodeFrame(message)));

  const settle = (id: number, result: Result<unknown>): void => {
    const call = pending.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    pending.delete(id);
    call.resolve(result);
  };

  const connect = (): void => {
    connectionStore.set(refused ? 'refused' : retry === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    const admit = (): void => {
      if (socket !== ws || ws.readyState !== WebSocket.OPEN) return;
      retry = 0;
      letIn = true;
      refused = false;
      refusalStore.set(null);
      connectionStore.set('open');
      const waiting = queue.splice(0);
      // A new socket: the host knows none of this page's subscriptions. Sent at once (the socket is
      // open); ones already waiting in the queue arrive twice, which the host takes as the same.
      subscriber.resubscribeAll();
      for (const frame of waiting) ws.send(frame);
    };
    ws.onopen = () => {
      if (refused) letInTimer = setTimeout(admit, LET_IN_AFTER_REFUSAL_MS);
      else admit();
    };
    ws.onmessage = (message) => {
      let decoded: unknown;
      try {
        decoded = decodeFrame(typeof message.data === 'string' ? message.data : new Uint8Array(message.data as ArrayBuffer));
      } catch {
        return;
      }
      const parsed = ServerFrame.safeParse(decoded);
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.t === 'res') settle(frame.id, frame.result as Result<unknown>);
      else subscriber.deliver(frame);
    };
    ws.onclose = (event) => {
      clearTimeout(letInTimer);
      if (socket !== ws) return;
      socket = null;
      letIn = false;
      for (const id of [...pending.keys()]) settle(id, fail('unavailable', t('client.connectionLost')));
      if (event.code === WS_CLOSE_UNAUTHORIZED) {
        // Kept trying (slowly): opening the printed address in another tab renews the cookie this page sends.
        refused = true;
        refusalStore.set(event.reason || null);
      }
      connectionStore.set(refused ? 'refused' : 'reconnecting');
      retry++;
      setTimeout(connect, Math.min(5000, 250 * 2 ** Math.min(retry, 5)));
    };
  };
  connect();

  const invoke = (channel: string, input: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => settle(id, fail('unavailable', t('client.noAnswer', { channel }))), CALL_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      let frame: string | Uint8Array<ArrayBuffer>;
      try {
        frame = encodeFrame({ t: 'req', id, channel, input });
      } catch (error) {
        settle(id, fail('invalid_input', t('client.cannotSend', { channel, message: (error as Error).message })));
        return;
      }
      send(frame);
    });

  const on = <K extends EventName<StudioEvents>>(name: K, listener: EventListener<StudioEvents, K>, arg?: SubscriptionArg<K>): (() => void) =>
    subscriber.on(name, listener as (payload: unknown) => void, arg);

  return Object.freeze({ ...createClient(contract, invoke), host: 'browser' as const, on });
}
