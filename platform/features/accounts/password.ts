import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ApiError } from '../../kernel/http/api-error';

/** scrypt parameters; stored with each hash so they can be raised without breaking old accounts. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's recommendation (2^17, r 8, p 1): 128 MiB and a few hundred ms per hash. Older hashes are redone at their next sign-in. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/**
 * For the seeded demo viewers only: their passwords are public, so a strong hash protects nothing
 * and would add seconds to every fresh start (the studio's embedded platform, each e2e test). They
 * are rehashed at the full cost at their first sign-in like any old hash.
 */
export const DEMO_SEED_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when `stored` was made with a lower cost than `cost` (or is not a hash this code made). */
export function needsRehash(stored: string, cost: ScryptCost): boolean {
  const [kind, n, r, p] = stored.split('$');
  if (kind !== 'scrypt') return true;
  return Number(n) < cost.N || Number(r) < cost.r || Number(p) < cost.p;
}

/**
 * Bounds how many hashes run at once. scrypt runs on libuv's shared thread pool (4 threads), the
 * same pool that reads media files: a sign-in flood from many addresses once starved media serving
 * (3 ms → 12 s). At most `concurrency` hashes run, at most `maxWaiting` wait; past that the caller
 * is told to come back (429) instead of queueing without end.
 */
export class HashQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number = 2,
    readonly maxWaiting: number = 32,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new ApiError('rate_limited', 'Too many people are signing in right now; try again in a few seconds');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
