import { performance } from 'node:perf_hooks';
import { keepNewest } from '../../kernel/bounded-map';
import type { EventHub } from '../../kernel/events/hub';

/** How stale a cached page may be: counters on it (anchors' trigger counts) lag by at most this. */
export const FEED_MAX_AGE_MS = 1000;
const MAX_PAGES = 200;

export interface FeedCacheOptions {
  readonly maxAgeMs?: number;
  readonly maxPages?: number;
  /** Milliseconds on a monotonic clock; a test passes its own. */
  readonly clock?: () => number;
}

interface Page {
  readonly json: Buffer;
  readonly at: number;
}

interface Loading {
  readonly generation: number;
  readonly json: Promise<Buffer>;
}

/**
 * This node's copy of the anonymous public feed's pages, as the JSON bytes sent (serialising a page
 * costs as much as reading it, and encoding its text again for every response a tenth of it). Only pages anyone may see belong here: the caller keeps signed-in
 * requests, whose pages differ per viewer, away from it.
 *
 * A new public video empties it at once on every node: the post publishes `video.created` in its
 * transaction, and each node's hub (woken through Redis, or by its periodic catch-up when a wake-up
 * is lost) hands it here; the node that commits a video also empties it right after the commit. Anything else
 * on a page (trigger counts) is at most `maxAgeMs` old. A page read while an invalidation happened
 * is served to its own request but not kept, so a read that began before a commit cannot put the
 * old page back.
 */
export class FeedCache {
  private readonly pages = new Map<string, Page>();
  private readonly loading = new Map<string, Loading>();
  private generation = 0;
  private readonly maxAgeMs: number;
  private readonly maxPages: number;
  private readonly clock: () => number;

  constructor(options: FeedCacheOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? FEED_MAX_AGE_MS;
    this.maxPages = options.maxPages ?? MAX_PAGES;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** The page's JSON (UTF-8) for `key` (the normalised query): from memory while fresh, else from `load`, which gives the page's JSON text (one load per key at a time). */
  async page(key: string, load: () => Promise<string>): Promise<Buffer> {
    const now = this.clock();
    const hit = this.pages.get(key);
    if (hit && now - hit.at < this.maxAgeMs) return hit.json;
    const pending = this.loading.get(key);
    if (pending && pending.generation === this.generation) return pending.json;

    const generation = this.generation;
    const json = load().then((text) => Buffer.from(text));
    const entry: Loading = { generation, json };
    this.loading.set(key, entry);
    try {
      const bytes = await json;
      if (generation === this.generation) this.keep(key, { json: bytes, at: now });
      return bytes;
    } finally {
      if (this.loading.get(key) === entry) this.loading.delete(key);
    }
  }

  /** Forgets every page, and any page being read now. */
  invalidate(): void {
    this.generation++;
    this.pages.clear();
    this.loading.clear();
  }

  /**
   * Empties the cache whenever this node's hub sees an event of one of `types` on one of `topics`
   * (the anonymous pages: a new public video). Returns the unsubscribe.
   */
  follow(hub: EventHub, topics: readonly string[] = ['public'], types: ReadonlySet<string> = new Set(['video.created'])): Promise<() => void> {
    return hub.subscribe(
      {
        topics: new Set(topics),
        closed: false,
        send: (event) => {
          if (types.has(event.type)) this.invalidate();
        },
      },
      undefined,
    );
  }

  get size(): number {
    return this.pages.size;
  }

  private keep(key: string, page: Page): void {
    keepNewest(this.pages, key, page, this.maxPages);
  }
}

/** The cache key of a feed query: its fields in a fixed order, so `?a&b` and `?b&a` share a page. */
export function feedKey(query: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(
    Object.keys(query)
      .sort()
      .map((k) => [k, query[k]]),
  );
}
