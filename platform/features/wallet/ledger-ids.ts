import { randomBytes } from 'node:crypto';

/**
 * The time (ms, 12 hex digits), then 80 random bits like every platform id: `trf_018c2f…`. The time
 * first puts each new transfer and hold at the end of the indexes that hold their ids and the keys
 * made from them (`capture:<hold id>`), instead of at a random page of each: a group-committed batch
 * of flows then dirties a few shared pages rather than one page per row, and SQLite writes every
 * dirty page to the WAL at COMMIT (on PostgreSQL, fewer pages to write and keep cached).
 */
export function newId(prefix: 'trf' | 'hld', at: number): string {
  return `${prefix}_${Math.max(0, Math.trunc(at)).toString(16).padStart(12, '0')}${randomHex(10)}`;
}

/** Random bytes come in blocks: one randomBytes call per id was a measurable share of a flow's CPU. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;
function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomPool = randomBytes(bytes * 256);
    randomOffset = 0;
  }
  randomOffset += bytes;
  return randomPool.toString('hex', randomOffset - bytes, randomOffset);
}
