import type { Video } from '@shared/protocol/index';
import { keepNewest } from '../../kernel/bounded-map';
import { groupIndex, type IndexRow, type PageFilter } from './feed-queries';
import { encodeCursor, type Cursor, type VideoRecord } from './repository';

/**
 * A video's JSON text with holes for its anchors' trigger counts. Everything else a video says
 * (its row, its creator's handle and name, its anchors) never changes once posted, so this is
 * built once per video; only the counts are read afresh for every page.
 */
class Fragment {
  private constructor(
    readonly anchorIds: readonly string[],
    private readonly head: string,
    private readonly anchorHeads: readonly string[],
  ) {}

  static of(video: Video): Fragment {
    const { anchors, ...rest } = video;
    // `anchors` is the last key of a Video and `triggerCount` the last of an Anchor (repository.ts),
    // so cutting each object's closing brace and appending them gives JSON.stringify's own text.
    const head = `${JSON.stringify(rest).slice(0, -1)},"anchors":[`;
    const anchorHeads = anchors.map(({ triggerCount: _count, ...anchor }) => `${JSON.stringify(anchor).slice(0, -1)},"triggerCount":`);
    return new Fragment(
      anchors.map((a) => a.id),
      head,
      anchorHeads,
    );
  }

  matches(anchorIds: readonly string[]): boolean {
    return anchorIds.length === this.anchorIds.length && anchorIds.every((id, i) => id === this.anchorIds[i]);
  }

  render(counts: readonly number[]): string {
    let text = this.head;
    for (let i = 0; i < this.anchorHeads.length; i++) text += `${i === 0 ? '' : ','}${this.anchorHeads[i]!}${counts[i]!}}`;
    return `${text}]}`;
  }
}

const MAX_FRAGMENTS = 5000;

/** What FeedPages reads (VideosRepository). */
export interface FeedSource {
  pageIndex(filter: PageFilter, limit: number, after: Cursor | null): Promise<readonly IndexRow[]>;
  recordsByIds(ids: readonly string[]): Promise<VideoRecord[]>;
}

/**
 * Feed pages as JSON text, for any viewer, without reading and serialising every video again: each
 * page is one indexed statement (which videos, newest first, and their anchors' trigger counts,
 * always current) and each video's unchanging rest comes from a per-node table of prebuilt text
 * (`Fragment`), filled from the database on a miss. Nothing is cached that a post, a trigger or a
 * sign-in could change, so a page is as fresh as a direct read on every node.
 */
export class FeedPages {
  private readonly fragments = new Map<string, Fragment>();
  private readonly maxFragments: number;

  constructor(
    private readonly source: FeedSource,
    options: { readonly maxFragments?: number } = {},
  ) {
    this.maxFragments = options.maxFragments ?? MAX_FRAGMENTS;
  }

  /** The page's JSON text: `{"videos":[…],"nextCursor":…}`, exactly what serialising the read page gives. */
  async page(filter: PageFilter, limit: number, after: Cursor | null): Promise<string> {
    const videos = groupIndex(await this.source.pageIndex(filter, limit + 1, after));
    const page = videos.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = videos.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;

    const fragments = page.map((v) => this.fragments.get(v.id));
    const missing = page.filter((v, i) => !fragments[i]?.matches(v.anchorIds)).map((v) => v.id);
    if (missing.length > 0) {
      const fresh = new Map((await this.source.recordsByIds(missing)).map((r) => [r.video.id as string, Fragment.of(r.video)]));
      for (const [id, fragment] of fresh) this.keep(id, fragment);
      for (let i = 0; i < page.length; i++) fragments[i] = fresh.get(page[i]!.id) ?? fragments[i];
    }
    let text = '{"videos":[';
    for (let i = 0; i < page.length; i++) {
      const video = page[i]!;
      const fragment = fragments[i];
      // Anchors are written with their video and never change: a mismatch means the rows moved under us.
      if (!fragment?.matches(video.anchorIds)) throw new Error(`feed: video ${video.id} changed while its page was read`);
      text += `${i === 0 ? '' : ','}${fragment.render(video.counts)}`;
    }
    return `${text}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  }

  /** Drops a video's prebuilt text (for a change to what a posted video says). */
  forget(videoId: string): void {
    this.fragments.delete(videoId);
  }

  get size(): number {
    return this.fragments.size;
  }

  private keep(id: string, fragment: Fragment): void {
    keepNewest(this.fragments, id, fragment, this.maxFragments);
  }
}
