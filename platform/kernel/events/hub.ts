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

/**
 * Fans the log out to this node's subscribers. One reader per node follows the log (woken by the
 * bus, and every `catchUpMs` in case a wake-up was lost); a new subscriber first replays its missed
 * events from the log and goes live in the same tick in which it has read everything the node has
 * already fanned out, so each event reaches it exactly once, in id order.
 */
export class EventHub {
  private readonly entries = new Set<Entry>();
  /** The live fan-out looks up an event's readers by topic instead of walking every subscriber. */
  private readonly byTopic = new Map<string, Set<Entry>>();
  /** Feeds with live members, by topic, and how many members each has (with the topics it was filed under). */
  private readonly feedsByTopic = new Map<string, Set<Feed>>();
  private readonly feedMembers = new Map<Feed, { count: number; readonly topics: ReadonlySet<string> }>();
  private dispatched = 0;
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
      // Fan-out and the cursor move happen in one synchronous block (see subscribe()).
      // An entry's cursor only moves on its own topics: it is a floor (events at or below it it has
      // had from its replay), and events on other topics never reach it anyway.
      for (const event of rows) {
        const feeds = this.feedsByTopic.get(event.topic);
        if (feeds) for (const feed of feeds) feed.push(event);
        const readers = this.byTopic.get(event.topic);
        if (!readers) continue;
        for (const entry of readers) {
          if (!entry.live || entry.sub.closed || event.id <= entry.cursor) continue;
          entry.cursor = event.id;
          entry.sub.send(event);
        }
      }
      if (rows.length) this.dispatched = rows.at(-1)!.id;
      if (rows.length < PAGE) return;
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
