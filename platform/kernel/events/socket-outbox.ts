import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'ws';
import type { EventEnvelope } from '@shared/protocol/events';

/**
 * An event's text, made once however many sockets it goes to: the hub hands every subscriber the
 * same envelope object, so a room notice to 2,000 viewers is serialised once, not 2,000 times.
 */
const texts = new WeakMap<EventEnvelope, string>();
export function eventText(event: EventEnvelope): string {
  let text = texts.get(event);
  if (text === undefined) {
    text = JSON.stringify(event);
    texts.set(event, text);
  }
  return text;
}

/**
 * A server → client WebSocket text frame (RFC 6455 §5.2: FIN, opcode 1, no mask, no extension):
 * server frames are unmasked, so the bytes are the same for every socket and are built once.
 */
export function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x81;
  if (head === 2) frame[1] = length;
  else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  payload.copy(frame, head);
  return frame;
}

const frames = new WeakMap<EventEnvelope, Buffer>();
export function eventFrame(event: EventEnvelope): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = textFrame(Buffer.from(eventText(event)));
    frames.set(event, frame);
  }
  return frame;
}

/** Topics many sockets read (a room's notices, Discover's activity): their fan-out may wait for the next batch. */
export const isBroadcastTopic = (topic: string): boolean => topic === 'public' || topic.startsWith('room:');

/** One socket's place in the outbox. `key` names what it subscribed to: sockets with the same key get the same events. */
export interface OutboxSlot {
  push(event: EventEnvelope): void;
  /** Forgets what is still queued (the socket closed). */
  drop(): void;
}

interface Slot extends OutboxSlot {
  readonly socket: WebSocket;
  readonly key: string;
  queue: EventEnvelope[];
  /** Listed in `pending` (a flag and an array: cheaper than a Set for 2,000 pushes an event). */
  pending: boolean;
}

export interface SocketOutboxOptions {
  /** A socket whose unsent bytes pass this is terminated (its client resumes from its last id). */
  readonly maxBufferedBytes: number;
  /**
   * Broadcast fan-out waits this many times as long as the last one took before the next (0: every
   * tick). Under a flood, writes to a large room are batched so they take at most 1/(1+ratio) of the
   * time; at a trickle every event still goes out in the tick it was read.
   */
  readonly paceRatio?: number;
  /** However slow the last fan-out, a broadcast event waits at most this long (default 100 ms). */
  readonly maxPaceMs?: number;
}

/**
 * Queues the events the hub hands to sockets and writes each socket's queue in one write: a tick's
 * (or a paced batch's) frames to one socket leave in one syscall instead of one per event, and the
 * bytes of a batch are concatenated once for all the sockets that get the same events. The wire is
 * unchanged (one text frame per event, in id order). An event on a socket's own topic (`user:…`)
 * flushes that socket in the same tick, with whatever broadcast events it had queued before it.
 */
export class SocketOutbox {
  private pending: Slot[] = [];
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private broadcastDueAt = 0;

  constructor(private readonly options: SocketOutboxOptions) {}

  slot(socket: WebSocket, key: string): OutboxSlot {
    const slot: Slot = {
      socket,
      key,
      queue: [],
      pending: false,
      push: (event) => {
        slot.queue.push(event);
        if (!slot.pending) {
          slot.pending = true;
          this.pending.push(slot);
        }
        // A socket's own event (the streamer's gift) goes out now, with what the socket had queued
        // before it: it does not wait for the rest of the hub's page nor for a room's fan-out.
        if (!isBroadcastTopic(event.topic)) this.write(slot, null);
        else if (this.immediate === null && this.timer === null) {
          const wait = this.broadcastDueAt - performance.now();
          if (wait <= 0) this.soon();
          else this.timer = setTimeout(() => this.flush(), wait);
        }
      },
      // Still listed until the next flush, which skips it (empty queue, closed socket).
      drop: () => void (slot.queue = []),
    };
    return slot;
  }

  /** Writes everything queued now (tests; shutdown). */
  flushAll(): void {
    this.flush();
  }

  private soon(): void {
    this.immediate ??= setImmediate(() => {
      this.immediate = null;
      this.flush();
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const started = performance.now();
    const batches = new Map<string, Buffer>();
    const pending = this.pending;
    this.pending = [];
    for (const slot of pending) {
      slot.pending = false;
      this.write(slot, batches);
    }
    const ended = performance.now();
    this.broadcastDueAt = ended + Math.min(this.options.maxPaceMs ?? 100, (ended - started) * (this.options.paceRatio ?? 2));
  }

  private write(slot: Slot, batches: Map<string, Buffer> | null): void {
    const queue = slot.queue;
    slot.queue = [];
    const socket = slot.socket;
    if (queue.length === 0 || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      socket.terminate();
      return;
    }
    const raw = (socket as unknown as { _socket?: Socket })._socket;
    // A negotiated extension (permessage-deflate) changes the frames: let ws make them.
    if (!raw || socket.extensions !== '') {
      for (const event of queue) socket.send(eventText(event));
      return;
    }
    if (queue.length === 1) {
      raw.write(eventFrame(queue[0]!));
      return;
    }
    // Sockets with the same subscription whose queue starts at the same id and is as long hold the
    // same events (each gets every matching event after its start, once, in id order).
    const key = `${slot.key}\n${queue[0]!.id}\n${queue.length}`;
    let bytes = batches?.get(key);
    if (bytes === undefined) {
      bytes = Buffer.concat(queue.map(eventFrame));
      batches?.set(key, bytes);
    }
    raw.write(bytes);
  }
}
