import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The body of the checkpoint thread: its own connection to the file, a PASSIVE checkpoint every
 * `everyMs` (it never blocks the writer, and copies what no reader still needs), then closes.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let checkpoints = 0;
const checkpoint = (requested) => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    checkpoints++;
    parentPort.postMessage({ type: 'checkpointed', requested, checkpoints, walFrames: result.log, copied: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', requested, message: String(error && error.message) });
  }
};
const timer = setInterval(() => checkpoint(false), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') return checkpoint(true);
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointResult {
  /** Checkpoints run so far. */
  readonly checkpoints: number;
  /** Frames in the WAL when it ran, and how many of them are now in the database file. */
  readonly walFrames: number;
  readonly copied: number;
}

/**
 * Checkpoints a SQLite WAL from a thread of its own. With `synchronous=NORMAL` a commit only
 * appends to the WAL; the fsyncs happen at checkpoints, and run inline (every 1,000 pages) they
 * took 20–30 ms each on this machine's disk, 76 % of all commit time, and stalled every request in
 * flight. Here they cost the event loop nothing, as long as the writer pauses now and then: SQLite
 * starts the WAL over only when a write transaction begins after a checkpoint that reached the WAL's
 * end, and this one never does while the writer keeps appending. Under sustained writes the WAL
 * grows to the inline safety net (database.ts) and that checkpoint, with its fsyncs, runs in the
 * writer's COMMIT after all. Durability is unchanged: a process crash loses nothing committed (the
 * WAL is in the file system), and a power cut loses at most the commits since the last checkpoint,
 * now about `everyMs` of them instead of the last ≤ 1,000 pages.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (result: CheckpointResult) => void; reject: (error: Error) => void }[] = [];
  private stopped = false;
  /** The last failure the thread reported (e.g. a disk error), kept for diagnostics. */
  lastError: string | null = null;

  constructor(file: string, everyMs: number) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs, driver } });
    this.worker.unref();
    this.worker.on('message', (message: ({ type: 'checkpointed'; checkpoints: number; walFrames: number; copied: number } | { type: 'failed'; message: string }) & { requested: boolean }) => {
      if (message.type === 'failed') this.lastError = message.message;
      // Requests are answered in order: the thread handles one message at a time.
      if (!message.requested) return;
      const waiter = this.waiting.shift();
      if (message.type === 'failed') waiter?.reject(new Error(`checkpoint failed: ${message.message}`));
      else waiter?.resolve({ checkpoints: message.checkpoints, walFrames: message.walFrames, copied: message.copied });
    });
    this.worker.on('error', (error) => {
      this.lastError = error.message;
    });
  }

  /** Runs one checkpoint now (tests; a caller that wants the WAL small). */
  checkpointNow(): Promise<CheckpointResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage('checkpoint');
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
  }
}
