import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { executeCompiled } from './sqlite-direct';

interface Waiting {
  readonly work: (trx: Transaction<never>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** This logical transaction's afterCommit hooks: run once the batch holding it has committed. */
  readonly hooks: (() => void)[];
}

export interface GroupCommitOptions {
  /** Most logical transactions in one write transaction. */
  readonly maxBatch: number;
  /** A batch takes no new logical transaction after this long, so a lone read never waits long for the one connection. */
  readonly maxBatchMs: number;
}

export interface GroupCommitStats {
  /** Write transactions committed or rolled back. */
  readonly batches: number;
  /** Logical transactions run (committed or not). */
  readonly transactions: number;
  /**
   * Write transactions that took over SLOW_BATCH_MS from BEGIN to the end of COMMIT: every caller
   * in one waited at least that long, so these make a closed loop's p99.
   */
  readonly slowBatches: number;
  /** Of those, the ones that spent over SLOW_COMMIT_MS in COMMIT itself (a checkpoint's fsyncs run there). */
  readonly slowInCommit: number;
}

export const SLOW_BATCH_MS = 20;
export const SLOW_COMMIT_MS = 5;

const SAVEPOINT = CompiledQuery.raw('savepoint group_commit_item');
const RELEASE = CompiledQuery.raw('release group_commit_item');
const ROLLBACK_TO = CompiledQuery.raw('rollback to group_commit_item');

/**
 * Group commit for SQLite's one connection: logical transactions that wait while a write
 * transaction is open join the next one, each inside its own savepoint, and one COMMIT (one WAL
 * append of the pages they share, one checkpoint's worth of work) serves them all. Measured on the
 * ledger's flows, COMMIT was 60 % of SQLite's time per flow when each flow committed alone.
 *
 * What each caller sees is what a transaction of its own would give it:
 * - its promise settles only after the batch's COMMIT, never before (no success reported for rows a
 *   crash could still take away; a SIGKILL mid-batch leaves none of the batch);
 * - a logical transaction that throws is rolled back to its savepoint: the others in the batch keep
 *   their writes, and the error reaches only its own caller;
 * - when the write transaction itself fails (COMMIT refused, or SQLite rolled the whole transaction
 *   back on SQLITE_FULL / an I/O error), every caller in the batch gets an error and nothing of the
 *   batch is written: none of them is told it committed. They are not retried: their work may have
 *   had effects outside the database.
 * Logical transactions still run one after another, as they did on the one connection before, so
 * each sees the ones before it (a batch commits or fails as a whole, so nothing seen is ever lost
 * to one that was not).
 */
export class GroupCommit<DB> {
  private readonly queue: Waiting[] = [];
  private draining = false;
  private batches = 0;
  private transactions = 0;
  private slowBatches = 0;
  private slowInCommit = 0;

  constructor(
    private readonly db: Kysely<DB>,
    /** Points the kernel's afterCommit() at the running logical transaction's hooks. */
    private readonly bindHooks: (trx: Transaction<DB>, hooks: (() => void)[]) => void,
    private readonly options: GroupCommitOptions = { maxBatch: 64, maxBatchMs: 10 },
  ) {}

  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as unknown as Waiting['work'], resolve: resolve as (value: unknown) => void, reject, hooks: [] });
      if (!this.draining) void this.drain();
    });
  }

  stats(): GroupCommitStats {
    return { batches: this.batches, transactions: this.transactions, slowBatches: this.slowBatches, slowInCommit: this.slowInCommit };
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.runBatch();
    } finally {
      this.draining = false;
    }
  }

  private countSlow(began: number, committing: number, ended: number): void {
    if (ended - began <= SLOW_BATCH_MS) return;
    this.slowBatches++;
    if (ended - committing > SLOW_COMMIT_MS) this.slowInCommit++;
  }

  private async runBatch(): Promise<void> {
    const committed: { readonly item: Waiting; readonly value: unknown }[] = [];
    const failed: { readonly item: Waiting; readonly error: unknown }[] = [];
    this.batches++;
    const began = performance.now();
    let committing = began;
    try {
      await this.db.transaction().execute(async (trx) => {
        const started = performance.now();
        // Logical transactions arriving while this one runs are taken in too, up to the bounds.
        while (this.queue.length > 0 && committed.length + failed.length < this.options.maxBatch && (committed.length + failed.length === 0 || performance.now() - started < this.options.maxBatchMs)) {
          const item = this.queue.shift()!;
          this.transactions++;
          this.bindHooks(trx, item.hooks);
          await executeCompiled(trx, SAVEPOINT);
          let value: unknown;
          try {
            value = await item.work(trx as unknown as Transaction<never>);
          } catch (error) {
            failed.push({ item, error });
            item.hooks.length = 0;
            // Throws when SQLite has already rolled the whole transaction back: the batch fails. Kysely's
            // path, so it waits for any statement the failed work left running and undoes that too.
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            continue;
          }
          committed.push({ item, value });
          await executeCompiled(trx, RELEASE);
        }
        committing = performance.now();
      });
    } catch (batchError) {
      // Nothing of this batch was written. Each caller hears why: its own error if it had one.
      for (const { item } of committed) item.reject(batchError);
      for (const { item, error } of failed) item.reject(error);
      return;
    } finally {
      this.countSlow(began, committing, performance.now());
    }
    for (const { item, value } of committed) {
      try {
        for (const hook of item.hooks) hook();
        item.resolve(value);
      } catch (error) {
        item.reject(error);
      }
    }
    for (const { item, error } of failed) item.reject(error);
  }
}
