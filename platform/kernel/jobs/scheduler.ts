import type { Selectable } from 'kysely';
import { dialectOf, type Db, type Trx } from '../db/database';
import { toSafeInteger } from '../db/numbers';
import { prepared } from '../db/prepared';
import type { JobsTable, PlatformDb } from '../db/schema';

type JobRow = Selectable<JobsTable>;
import { transaction } from '../db/transaction';

export interface DueJob {
  readonly kind: string;
  readonly key: string;
  /** When it was due (epoch ms). */
  readonly runAt: number;
  readonly payload: unknown;
  /** 1 on the first try. */
  readonly attempt: number;
}

/**
 * Deadline work (an order's deadline, a gift's auto-convert): runs inside one transaction with the
 * job's completion, so its writes commit exactly when the job is marked done. A throw rolls them
 * back and the job is retried later with backoff. Keep it to database work: on SQLite the open
 * transaction holds the one connection, so a handler waiting on the network stalls every request.
 */
export type DeadlineHandler = (job: DueJob, trx: Trx, now: number) => Promise<void>;
/** Periodic housekeeping (expired sessions, abandoned uploads): no transaction held while it runs. */
export type PeriodicHandler = (now: number) => Promise<unknown>;

export interface SchedulerOptions {
  readonly db: Db;
  /** The clock: every due time is compared with it, so tests move time instead of waiting. */
  readonly now: () => number;
  /** How often a node looks for due jobs (real time). */
  readonly pollMs?: number;
  /** How long a claimed job stays with the node that claimed it before another may take it over. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly onError?: (kind: string, error: unknown) => void;
}

type Registered = { readonly type: 'deadline'; readonly run: DeadlineHandler } | { readonly type: 'periodic'; readonly run: PeriodicHandler; readonly everyMs: number };

const PERIODIC_KEY = '';

/** Compiled once (kernel/db/prepared.ts): a gift schedules its auto-convert on every send, and building this upsert cost more CPU than running it. */
const scheduleJob = prepared<PlatformDb, { id: string; kind: string; key: string; runAt: number; payload: string | null }>()((db, a) =>
  db
    .insertInto('jobs')
    .values({ id: a.id, kind: a.kind, key: a.key, run_at: a.runAt, locked_until: null, payload: a.payload, last_error: null, every_ms: null })
    .onConflict((oc) => oc.column('id').doUpdateSet({ run_at: a.runAt, payload: a.payload, locked_until: null, attempts: 0, last_error: null })),
);
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * The kernel's job scheduler. Jobs are rows (`jobs` table): a node claims due rows by setting a
 * lease in one statement — `FOR UPDATE SKIP LOCKED` on PostgreSQL, so nodes never wait for or take
 * each other's rows; SQLite has one writer, so the same UPDATE … RETURNING is already exclusive.
 * A node that dies mid-job leaves a lease that runs out, and the job is claimed again.
 * `start()` runs the first sweep at once (a platform restarted often still sweeps).
 */
export class Scheduler {
  private readonly handlers = new Map<string, Registered>();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.pollMs = options.pollMs ?? 30_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 20;
  }

  /** Registers the handler for deadline jobs of `kind` (schedule them with `schedule()`). */
  define(kind: string, run: DeadlineHandler): void {
    this.register(kind, { type: 'deadline', run });
  }

  /** Runs `run` every `everyMs` on one node of the cluster, first at `start()`. */
  every(kind: string, everyMs: number, run: PeriodicHandler): void {
    if (!Number.isInteger(everyMs) || everyMs <= 0) throw new RangeError(`${kind}: everyMs must be a positive integer`);
    this.register(kind, { type: 'periodic', run, everyMs });
  }

  /** Due work for `kind`/`key` at `runAt`; scheduling the same key again moves it. Pass the caller's trx to commit it with the change that caused it. */
  async schedule(kind: string, key: string, runAt: number, payload: unknown = null, trx?: Trx | Db): Promise<void> {
    await scheduleJob.execute(trx ?? this.options.db, { id: `${kind}:${key}`, kind, key, runAt, payload: payload === null ? null : JSON.stringify(payload) });
  }

  /** Drops a pending job (the order was accepted before its deadline, say). */
  async cancel(kind: string, key: string, trx?: Trx | Db): Promise<void> {
    await (trx ?? this.options.db).deleteFrom('jobs').where('id', '=', `${kind}:${key}`).execute();
  }

  /** Makes every periodic job due now, runs what is due, then keeps polling. */
  async start(): Promise<void> {
    const now = this.options.now();
    for (const [kind, job] of this.handlers) {
      if (job.type !== 'periodic') continue;
      await this.options.db
        .insertInto('jobs')
        .values({ id: `${kind}:${PERIODIC_KEY}`, kind, key: PERIODIC_KEY, run_at: now, locked_until: null, payload: null, last_error: null, every_ms: job.everyMs })
        .onConflict((oc) => oc.column('id').doUpdateSet({ run_at: now, every_ms: job.everyMs }))
        .execute();
    }
    await this.runDue();
    this.schedulePoll();
  }

  /** Claims and runs every job due by the clock's now; resolves with how many ran. Overlapping calls share one pass. */
  runDue(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private register(kind: string, job: Registered): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} is already registered`);
    if (kind.includes(':')) throw new Error(`job kind ${kind} may not contain ':'`);
    this.handlers.set(kind, job);
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runDue().finally(() => this.schedulePoll());
    }, this.pollMs);
    this.timer.unref();
  }

  private async pass(): Promise<number> {
    let ran = 0;
    // Bounded: a job that keeps coming due (every_ms shorter than the pass) cannot hold a node forever.
    for (let round = 0; round < 100 && !this.stopped; round++) {
      const claimed = await this.claim(this.options.now());
      for (const row of claimed) {
        await this.runOne(row);
        ran++;
      }
      if (claimed.length < this.batchSize) break;
    }
    return ran;
  }

  private async claim(now: number): Promise<JobRow[]> {
    const { db } = this.options;
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    let due = db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', kinds)
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .orderBy('run_at')
      .limit(this.batchSize);
    if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
    return db
      .updateTable('jobs')
      .set((eb) => ({ locked_until: now + this.leaseMs, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
  }

  private async runOne(row: JobRow): Promise<void> {
    const job = this.handlers.get(row.kind);
    if (!job) return;
    const { db } = this.options;
    const now = this.options.now();
    const attempt = toSafeInteger(row.attempts);
    try {
      if (job.type === 'periodic') {
        await job.run(now);
        await db
          .updateTable('jobs')
          .set({ run_at: now + job.everyMs, locked_until: null, attempts: 0, last_error: null })
          .where('id', '=', row.id)
          .where('locked_until', '=', row.locked_until ?? -1)
          .execute();
        return;
      }
      const due: DueJob = { kind: row.kind, key: row.key, runAt: toSafeInteger(row.run_at), payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown), attempt };
      await transaction(db, async (trx) => {
        await job.run(due, trx, now);
        // Only the claim we hold: a job rescheduled meanwhile (schedule() cleared the lease) stays.
        await trx
          .deleteFrom('jobs')
          .where('id', '=', row.id)
          .where('locked_until', '=', row.locked_until ?? -1)
          .execute();
      });
    } catch (error) {
      this.options.onError?.(row.kind, error);
      const retryAt = now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt, 12));
      const message = error instanceof Error ? error.message : String(error);
      await db
        .updateTable('jobs')
        .set({ run_at: job.type === 'periodic' ? Math.min(retryAt, now + job.everyMs) : retryAt, locked_until: null, last_error: message.slice(0, 500) })
        .where('id', '=', row.id)
        .where('locked_until', '=', row.locked_until ?? -1)
        .execute();
    }
  }
}
