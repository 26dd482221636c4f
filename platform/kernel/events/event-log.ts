import { PostgresAdapter, sql } from 'kysely';
import { EventEnvelope, Topic } from '@shared/protocol/events';
import { prepared, type PreparedQuery } from '../db/prepared';
import { afterCommit } from '../db/transaction';
import { eventDb, type EventExecutor, type EventTables } from './schema';

export interface NewEvent {
  readonly topic: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Defaults to the log's clock. */
  readonly at?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Built once: zod compiles a schema on its first use, and `.omit()` makes a new one each call. */
const NewEnvelope = EventEnvelope.omit({ id: true });
/** Any fixed 64-bit key: the one PostgreSQL advisory lock that orders event inserts. */
const EVENT_ORDER_LOCK = 7_310_411;

/** Taken before each insert on PostgreSQL (see EventLog); compiled once, as the inserts are. */
const orderLock = prepared<EventTables, object>()((db) => db.selectNoFrom(sql<null>`pg_advisory_xact_lock(${sql.lit(EVENT_ORDER_LOCK)})`.as('locked')));

/** The insert of n events (a gift publishes 4), compiled once per n: building it through Kysely cost more CPU than running it. */
const inserts = new Map<number, PreparedQuery<EventTables, Record<string, unknown>, { id: number | bigint }>>();
function insertOf(n: number): PreparedQuery<EventTables, Record<string, unknown>, { id: number | bigint }> {
  let insert = inserts.get(n);
  if (!insert) {
    insert = prepared<EventTables, Record<string, unknown>>()((db, a) =>
      db
        .insertInto('event_log')
        .values(Array.from({ length: n }, (_, i) => ({ topic: a[`topic${i}`] as string, type: a[`type${i}`] as string, data: a[`data${i}`] as string, at: a[`at${i}`] as number })))
        .returning('id'),
    );
    // A publisher of many events at once is rare: only the usual sizes are kept.
    if (n <= 16) inserts.set(n, insert);
  }
  return insert;
}

/**
 * The durable event log, the source of truth for live events. Features publish inside their own
 * transaction, so an event exists if and only if its change committed; sockets replay from it.
 *
 * On PostgreSQL, ids come from a sequence but commit in any order, and a reader that saw id 11
 * before 10 committed would skip 10 for good. Each publish therefore takes one transaction-scoped
 * advisory lock before its insert, so publishing transactions commit in id order (SQLite has one
 * writer and needs nothing).
 */
export class EventLog {
  private readonly db;
  private readonly postgres: boolean;

  constructor(
    db: EventExecutor,
    private readonly options: Readonly<{
      now: () => number;
      retentionMs?: number;
      /**
       * Events were written: with the events themselves once their transaction has committed (as
       * the log will give them: this node's hub may fan them out without reading them back), or
       * null when a transaction this log cannot see the end of may have committed them by now.
       */
      onPublished?: (committed: readonly EventEnvelope[] | null) => void;
    }>,
  ) {
    this.db = eventDb(db);
    this.postgres = this.db.getExecutor().adapter instanceof PostgresAdapter;
  }

  get retentionMs(): number {
    return this.options.retentionMs ?? 7 * DAY_MS;
  }

  /**
   * Appends an event. Given an open transaction it writes there (and the event is seen once that
   * commits); given the database it commits at once.
   */
  async publish(trx: EventExecutor, event: NewEvent): Promise<EventEnvelope> {
    return (await this.publishAll(trx, [event]))[0]!;
  }

  /**
   * Appends several events in this order, in one statement (one round trip, and on PostgreSQL one
   * lock): a gift's events to the streamer, the sender and the room.
   */
  async publishAll(trx: EventExecutor, events: readonly NewEvent[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const envelopes = events.map((event) => {
      const envelope = { topic: Topic.parse(event.topic), type: event.type, data: { ...event.data }, at: event.at ?? this.options.now() };
      NewEnvelope.parse(envelope);
      return envelope;
    });
    const texts = envelopes.map((e) => JSON.stringify(e.data));
    let ids: number[] = [];
    const insert = async (exec: EventExecutor): Promise<EventEnvelope[]> => {
      const db = eventDb(exec);
      if (this.postgres) await orderLock.execute(db, {});
      const values: Record<string, unknown> = {};
      for (const [i, e] of envelopes.entries()) {
        values[`topic${i}`] = e.topic;
        values[`type${i}`] = e.type;
        values[`data${i}`] = texts[i];
        values[`at${i}`] = e.at;
      }
      const { rows } = await insertOf(envelopes.length).execute(db, values);
      // Ids are given in the order of the values (one writer on SQLite, the sequence row by row on
      // PostgreSQL); RETURNING's own order is not promised, so they are sorted back.
      ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      return envelopes.map((e, i) => ({ id: ids[i]!, ...e }));
    };
    // What a read of the log gives back (data through JSON as stored), built only once committed.
    const committed = (): EventEnvelope[] => envelopes.map((e, i) => ({ id: ids[i]!, topic: e.topic, type: e.type, data: JSON.parse(texts[i]!) as Record<string, unknown>, at: e.at }));
    if (trx.isTransaction) {
      const stored = await insert(trx);
      // Readers are woken the moment the transaction commits (the kernel's `transaction()` knows);
      // a transaction opened some other way gets wake-ups soon after, and the hub's periodic
      // catch-up covers a slower commit.
      if (!afterCommit(trx, () => this.options.onPublished?.(committed()))) for (const ms of [5, 50, 250]) setTimeout(() => this.options.onPublished?.(null), ms).unref();
      return stored;
    }
    const stored = await eventDb(trx).transaction().execute(insert);
    if (this.options.onPublished) this.options.onPublished(committed());
    return stored;
  }

  /** Events after `after` (up to `upTo`), oldest first; `topics` null means every topic. */
  async read(after: number, options: Readonly<{ topics: readonly string[] | null; upTo?: number; limit: number }>): Promise<EventEnvelope[]> {
    let query = this.db.selectFrom('event_log').selectAll().where('id', '>', after).orderBy('id').limit(options.limit);
    if (options.upTo !== undefined) query = query.where('id', '<=', options.upTo);
    if (options.topics) query = query.where('topic', 'in', options.topics);
    const rows = await query.execute();
    return rows.map((r) => ({ id: Number(r.id), topic: r.topic, type: r.type, data: JSON.parse(r.data) as Record<string, unknown>, at: Number(r.at) }));
  }

  async lastId(): Promise<number> {
    const row = await this.db
      .selectFrom('event_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /**
   * Whether a client that last saw `after` can no longer be served from the log: events after it
   * were pruned (older than retention), or the id is from a log this one never wrote.
   */
  async resyncNeeded(after: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('event_log')
      .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
      .executeTakeFirst();
    const first = Number(row?.first ?? 0);
    const last = Number(row?.last ?? 0);
    if (after > last) return true;
    return first > 0 ? after < first - 1 : after > 0;
  }

  /** Drops events older than the retention window (the newest event is always kept, so ids stay comparable). */
  async prune(): Promise<number> {
    const last = await this.lastId();
    const result = await this.db
      .deleteFrom('event_log')
      .where('at', '<', this.options.now() - this.retentionMs)
      .where('id', '<', last)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
