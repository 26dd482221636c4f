import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'ws';
import type { EventEnvelope } from '@shared/protocol/events';
import { eventText } from './event-text';
import type { Feed, FeedMember } from './hub';

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

/** One socket's place in the outbox: its own queue (its replay) and its place in its topics' feed (its live events). */
export interface OutboxSlot extends FeedMember {
  /** A replayed event: it leaves before any of the feed's. */
  push(event: EventEnvelope): void;
  /** Forgets what is still queued and leaves the feed (the socket closed). */
  drop(): void;
}

interface Slot extends OutboxSlot {
  readonly socket: WebSocket;
  readonly feed: SocketFeed;
  own: EventEnvelope[];
  /** Listed in `pendingSlots` (a flag and an array: cheaper than a Set). */
  pending: boolean;
  /** The feed's events at or below this id the socket has had (from its replay). */
  cursor: number;
  dropped: boolean;
}

/** The live events of one set of topics since the last write, and the sockets that read them. */
class SocketFeed implements Feed {
  queue: EventEnvelope[] = [];
  readonly members = new Set<Slot>();
  /** Slots made for this feed and not yet dropped: the outbox forgets the feed at 0. */
  refs = 0;
  pending = false;

  constructor(
    readonly key: string,
    private readonly outbox: SocketOutbox,
  ) {}

  push(event: EventEnvelope): void {
    this.outbox.queue(this, event);
  }
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
  /**
   * However fast the last fan-out, the next waits at least this long (default 0): a room's events
   * arriving within it leave together, one write per socket, instead of one write per socket each.
   * An event after a quiet spell still leaves in the tick it was read.
   */
  readonly minPaceMs?: number;
}

/**
 * Writes the hub's events to sockets. Sockets with the same topics share a feed: the hub hands it
 * each live event once, and at the next write its events since the last one are framed and
 * concatenated once and that same buffer goes to every member, one write per socket (a member
 * whose replay reached into the batch gets the buffer's tail, a view, not a copy). The wire is
 * unchanged (one text frame per event, in id order). An event on a socket's own topic (`user:…`)
 * writes that feed in the same tick, with the broadcast events it had queued before it.
 */
export class SocketOutbox {
  private readonly feeds = new Map<string, SocketFeed>();
  private pendingFeeds: SocketFeed[] = [];
  private pendingSlots: Slot[] = [];
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private broadcastDueAt = 0;

  constructor(private readonly options: SocketOutboxOptions) {}

  /** A socket's slot; its feed is the one of every socket subscribed to exactly these topics. */
  slot(socket: WebSocket, topics: ReadonlySet<string>): OutboxSlot {
    const key = [...topics].sort().join(' ');
    let feed = this.feeds.get(key);
    if (!feed) this.feeds.set(key, (feed = new SocketFeed(key, this)));
    feed.refs++;
    const slot: Slot = {
      socket,
      feed,
      own: [],
      pending: false,
      cursor: 0,
      dropped: false,
      push: (event) => {
        slot.own.push(event);
        if (!slot.pending) {
          slot.pending = true;
          this.pendingSlots.push(slot);
        }
        this.schedule();
      },
      join: (cursor) => {
        slot.cursor = cursor;
        if (!slot.dropped) slot.feed.members.add(slot);
      },
      leave: () => void slot.feed.members.delete(slot),
      drop: () => {
        slot.own = [];
        slot.feed.members.delete(slot);
        if (slot.dropped) return;
        slot.dropped = true;
        if (--slot.feed.refs === 0 && this.feeds.get(slot.feed.key) === slot.feed) this.feeds.delete(slot.feed.key);
      },
    };
    return slot;
  }

  /** A live event for a feed's members. */
  queue(feed: SocketFeed, event: EventEnvelope): void {
    feed.queue.push(event);
    if (!feed.pending) {
      feed.pending = true;
      this.pendingFeeds.push(feed);
    }
    // A socket's own event (the streamer's gift) goes out now, with what its feed had queued
    // before it: it does not wait for the rest of the hub's page nor for a room's fan-out.
    if (!isBroadcastTopic(event.topic)) this.writeFeed(feed);
    else this.schedule();
  }

  /** Writes everything queued now (tests; shutdown). */
  flushAll(): void {
    this.flush();
  }

  private schedule(): void {
    if (this.immediate !== null || this.timer !== null) return;
    const wait = this.broadcastDueAt - performance.now();
    if (wait > 0) this.timer = setTimeout(() => this.flush(), wait);
    else
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.flush();
      });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const started = performance.now();
    const feeds = this.pendingFeeds;
    this.pendingFeeds = [];
    for (const feed of feeds) {
      feed.pending = false;
      this.writeFeed(feed);
    }
    // Replays of sockets not (yet) live; a member's own queue left with its feed's batch above.
    const slots = this.pendingSlots;
    this.pendingSlots = [];
    for (const slot of slots) {
      slot.pending = false;
      if (slot.own.length) this.write(slot, null, 0);
    }
    const ended = performance.now();
    this.broadcastDueAt = ended + Math.min(this.options.maxPaceMs ?? 100, Math.max(this.options.minPaceMs ?? 0, (ended - started) * (this.options.paceRatio ?? 2)));
  }

  private writeFeed(feed: SocketFeed): void {
    const queue = feed.queue;
    feed.queue = [];
    if (queue.length === 0) return;
    const batch = new Batch(queue);
    const last = queue.at(-1)!.id;
    for (const slot of feed.members) {
      // Events at or below the cursor came with the socket's replay (it joined while they waited here).
      let from = 0;
      while (from < queue.length && queue[from]!.id <= slot.cursor) from++;
      slot.cursor = Math.max(slot.cursor, last);
      this.write(slot, batch, from);
    }
  }

  /** Writes the slot's own queue, then the batch's events from index `from`, in one write. */
  private write(slot: Slot, batch: Batch | null, from: number): void {
    const own = slot.own;
    slot.own = [];
    const socket = slot.socket;
    const live = batch ? batch.events.length - from : 0;
    if ((own.length === 0 && live === 0) || socket.readyState !== socket.OPEN) return;
    // A socket that stopped reading is cut off, not buffered for: the others' writes go on.
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      socket.terminate();
      return;
    }
    const raw = (socket as unknown as { _socket?: Socket })._socket;
    // A negotiated extension (permessage-deflate) changes the frames: let ws make them.
    if (!raw || socket.extensions !== '') {
      for (const event of own) socket.send(eventText(event));
      for (let i = from; batch && i < batch.events.length; i++) socket.send(eventText(batch.events[i]!));
      return;
    }
    if (own.length === 0) raw.write(batch!.from(from));
    else if (live === 0) raw.write(own.length === 1 ? eventFrame(own[0]!) : Buffer.concat(own.map(eventFrame)));
    else raw.write(Buffer.concat([...own.map(eventFrame), batch!.from(from)]));
  }
}

/** A feed's events of one write as one buffer, built on first use; `from(i)` is a view from the i-th event's frame. */
class Batch {
  private bytes: Buffer | null = null;
  private offsets: number[] | null = null;

  constructor(readonly events: readonly EventEnvelope[]) {}

  from(index: number): Buffer {
    if (this.bytes === null) {
      const frames = this.events.map(eventFrame);
      this.bytes = frames.length === 1 ? frames[0]! : Buffer.concat(frames);
      let at = 0;
      this.offsets = frames.map((frame) => ((at += frame.length), at - frame.length));
    }
    return index === 0 ? this.bytes : this.bytes.subarray(this.offsets![index]);
  }
}
