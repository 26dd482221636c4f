import type { EventEnvelope } from '@shared/protocol/events';
import type { EventBus } from './bus';
import type { EventLog } from './event-log';

/** One subscriber's view: the topics it may see, and how to hand it an event. */
export interface Subscription {
  readonly topics: ReadonlySet<string>;
  /** Its replayed events, and its live ones when it has no feed. */
  send(event: EventEnvelope): void;
  /** After a subscription is closed the hub sends it nothing more. */
  readonly closed: boolean;
  /** Live events through a feed shared with every subscriber of the same topics (see Feed). */
  readonly feed?: FeedMember;
}

/**
 * Live delivery shared by the subscribers of one set of topics (a room's 2,000 viewers): the hub
 * hands the feed each event once, however many subscribers it has, so following a topic costs
 * O(1) per event instead of O(subscribers). Subscribers of the same feed must have the same topics.
 */
export interface Feed {
  push(event: EventEnvelope): void;
}

/** One subscriber's place in a feed. */
export interface FeedMember {
  /** The same object for every subscriber with these topics. */
  readonly feed: Feed;
  /** From now on this subscriber gets the feed's events above `cursor` (it has had the rest from its replay). */
  join(cursor: number): void;
  leave(): void;
}

interface Entry {
  readonly sub: Subscription;
  /** The highest id this subscriber has been given (or has read past in its replay). */
  cursor: number;
  live: boolean;
}

const PAGE = 500;
/** Committed events held for the ids before them: past this many the reader is left to deliver them. */
const MAX_EARLY = 10_000;

/**
 * Fans the log out to this node's subscribers. One reader per node follows the log (woken by the
 * bus, and every `catchUpMs` in case a wake-up was lost); a new subscriber first replays its missed
 * events from the log and goes live in the same tick in which it has read everything the node has
 * already fanned out, so each event reaches it exactly once, in id order.
 *
 * Events this node commits itself are fanned out at once, without reading them back (`committed`),
 * when they come next in id order: on PostgreSQL a read would wait for a connection of the pool that
 * the writers keep busy. Either way the node fans out in id order and never past an id it has not
 * seen: an event whose predecessor it has not seen (another node's, one still committing here, or
 * an id a rollback left unused) waits until the reader has passed that gap.
 */
export class EventHub {
  private readonly entries = new Set<Entry>();
  /** The live fan-out looks up an event's readers by topic instead of walking every subscriber. */
  private readonly byTopic = new Map<string, Set<Entry>>();
  /** Feeds with live members, by topic, and how many members each has (with the topics it was filed under). */
  private readonly feedsByTopic = new Map<string, Set<Feed>>();
  private readonly feedMembers = new Map<Feed, { count: number; readonly topics: ReadonlySet<string> }>();
  private dispatched = 0;
  private started = false;
  /** Committed here and not yet fanned out, by id: each waits for the id before it. */
  private readonly early = new Map<number, EventEnvelope>();
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unwake: (() => void) | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly bus: EventBus,
    private readonly options: Readonly<{ catchUpMs?: number; onError?: (error: unknown) => void }> = {},
  ) {}

  async start(): Promise<void> {
    this.dispatched = await this.log.lastId();
    this.started = true;
    this.unwake = this.bus.onWake(() => this.wake());
    this.timer = setInterval(() => {
      if (this.entries.size > 0) this.wake();
    }, this.options.catchUpMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unwake?.();
    this.entries.clear();
    this.byTopic.clear();
    this.feedsByTopic.clear();
    this.feedMembers.clear();
    this.early.clear();
    this.started = false;
  }

  /** The last id this node has fanned out: where a subscriber without `after` starts. */
  get position(): number {
    return this.dispatched;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Reads past the node's cursor now (again after the current read, if one is running). */
  wake(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.follow()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * Events that just committed through this node, in id order. Fans out those that follow what the
   * node has fanned out, now; keeps the others until the ids before them are seen here or read from
   * the log. True when all of them are out (no read is needed for them).
   *
   * Why that is exactly once, in order: an event is fanned out only as the id right after
   * `dispatched`, and ids commit in order (EventLog), so every event below it that will ever exist
   * is already out; the reader skips what is at or below `dispatched`.
   */
  committed(events: readonly EventEnvelope[]): boolean {
    if (!this.started) return false;
    for (const event of events) if (event.id > this.dispatched) this.early.set(event.id, event);
    this.fanOutEarly();
    if (this.early.size > MAX_EARLY) this.early.clear();
    return events.every((event) => event.id <= this.dispatched);
  }

  /**
   * Adds a subscriber. With `after`, what it missed is replayed from the log first; without, it
   * gets events from now on. Returns the function that removes it.
   */
  async subscribe(sub: Subscription, after: number | undefined): Promise<() => void> {
    const entry: Entry = { sub, cursor: after ?? this.dispatched, live: false };
    const member = sub.feed;
    this.entries.add(entry);
    if (!member) addTo(this.byTopic, sub.topics, entry);
    let removed = false;
    const remove = (): void => {
      if (removed) return;
      removed = true;
      this.entries.delete(entry);
      if (!member) deleteFrom(this.byTopic, sub.topics, entry);
      else if (entry.live) this.leaveFeed(member);
    };
    if (after === undefined) {
      this.goLive(entry);
      return remove;
    }
    const topics = [...sub.topics];
    for (;;) {
      const bound = this.dispatched;
      const rows = await this.log.read(entry.cursor, { topics, upTo: bound, limit: PAGE });
      if (sub.closed || removed) break;
      for (const event of rows) sub.send(event);
      if (rows.length === PAGE) {
        entry.cursor = rows.at(-1)!.id;
        continue;
      }
      // Everything up to `bound` is delivered. If the node has not fanned out past it meanwhile,
      // go live now (same tick); otherwise read the difference.
      // (Never backwards: a client may know ids this node has not fanned out yet.)
      entry.cursor = Math.max(entry.cursor, bound);
      if (this.dispatched === bound) {
        this.goLive(entry);
        break;
      }
    }
    return remove;
  }

  private goLive(entry: Entry): void {
    entry.live = true;
    const member = entry.sub.feed;
    if (!member) return;
    member.join(entry.cursor);
    const members = this.feedMembers.get(member.feed);
    if (members) members.count++;
    else {
      this.feedMembers.set(member.feed, { count: 1, topics: entry.sub.topics });
      addTo(this.feedsByTopic, entry.sub.topics, member.feed);
    }
  }

  private leaveFeed(member: FeedMember): void {
    member.leave();
    const members = this.feedMembers.get(member.feed);
    if (!members || --members.count > 0) return;
    this.feedMembers.delete(member.feed);
    deleteFrom(this.feedsByTopic, members.topics, member.feed);
  }

  private async follow(): Promise<void> {
    for (;;) {
      const rows = await this.log.read(this.dispatched, { topics: null, limit: PAGE });
      // Fan-out and the cursor move happen in one synchronous block (see subscribe()). Rows at or
      // below `dispatched` went out meanwhile, as this node's own commits (`committed`).
      for (const event of rows) if (event.id > this.dispatched) this.fanOut(event);
      if (this.early.size > 0) {
        for (const id of this.early.keys()) if (id <= this.dispatched) this.early.delete(id);
        this.fanOutEarly();
      }
      if (rows.length < PAGE) return;
    }
  }

  private fanOutEarly(): void {
    for (let next = this.early.get(this.dispatched + 1); next !== undefined; next = this.early.get(this.dispatched + 1)) {
      this.early.delete(next.id);
      this.fanOut(next);
    }
  }

  /**
   * Hands `event` to its feeds and live readers and moves the node's cursor to it.
   * An entry's cursor only moves on its own topics: it is a floor (events at or below it it has
   * had from its replay), and events on other topics never reach it anyway.
   */
  private fanOut(event: EventEnvelope): void {
    this.dispatched = event.id;
    const feeds = this.feedsByTopic.get(event.topic);
    if (feeds) for (const feed of feeds) feed.push(event);
    const readers = this.byTopic.get(event.topic);
    if (!readers) return;
    for (const entry of readers) {
      if (!entry.live || entry.sub.closed || event.id <= entry.cursor) continue;
      entry.cursor = event.id;
      entry.sub.send(event);
    }
  }
}

function addTo<T>(index: Map<string, Set<T>>, topics: ReadonlySet<string>, item: T): void {
  for (const topic of topics) {
    let items = index.get(topic);
    if (!items) index.set(topic, (items = new Set()));
    items.add(item);
  }
}

function deleteFrom<T>(index: Map<string, Set<T>>, topics: ReadonlySet<string>, item: T): void {
  for (const topic of topics) {
    const items = index.get(topic);
    if (items?.delete(item) && items.size === 0) index.delete(topic);
  }
}
