import { sql } from 'kysely';
import { VIDEO_PAGE_MAX } from '@shared/protocol/index';
import type { Executor } from '../../kernel/db/database';
import { toSafeInteger } from '../../kernel/db/numbers';
import { prepared, type PreparedQuery } from '../../kernel/db/prepared';
import type { PlatformDb } from '../../kernel/db/schema';

/** Whose videos a page lists: everyone's public ones, what a signed-in viewer may see, or one creator's public ones. */
export type PageFilter = { readonly kind: 'public' } | { readonly kind: 'signedIn'; readonly userId: string } | { readonly kind: 'publicBy'; readonly ownerId: string };

interface IndexArgs {
  readonly userId: string;
  readonly ownerId: string;
  readonly createdAt: number;
  readonly id: string;
}

export interface IndexRow {
  readonly id: string;
  readonly created_at: number;
  readonly anchor_id: string | null;
  readonly position: number | null;
  readonly trigger_count: number | null;
}

/**
 * A page's index in one statement: the page's video ids (newest first, keyset on (created_at, id))
 * joined with each one's anchors' ids, positions and live trigger counts, in no particular order. One compiled
 * statement per filter, cursor presence and limit (a prepared query must not branch on its
 * arguments, and a limit bound as a parameter made SQLite's plan slower): at most 6 × 51.
 */
function indexQuery(kind: PageFilter['kind'], withCursor: boolean, limit: number): PreparedQuery<PlatformDb, IndexArgs, IndexRow> {
  return prepared<PlatformDb, IndexArgs>()((db, a) =>
    db
      .selectFrom((sub) => {
        let q = sub
          .selectFrom('videos')
          .select(['videos.id', 'videos.created_at'])
          .where((eb) => {
            // The same rule as repository.ts's visibleTo: public to everyone; followers to any
            // signed-in account; private to its owner. Constants are written into the SQL: bound as
            // parameters they made SQLite's scan markedly slower.
            if (kind === 'public') return eb('videos.visibility', '=', sql.lit('public'));
            if (kind === 'publicBy') return eb.and([eb('videos.owner_id', '=', a.ownerId), eb('videos.visibility', '=', sql.lit('public'))]);
            return eb.or([eb('videos.visibility', '=', sql.lit('public')), eb('videos.visibility', '=', sql.lit('followers')), eb('videos.owner_id', '=', a.userId)]);
          });
        if (withCursor) q = q.where((eb) => eb.or([eb('videos.created_at', '<', a.createdAt), eb.and([eb('videos.created_at', '=', a.createdAt), eb('videos.id', '<', a.id)])]));
        return q.orderBy('videos.created_at', 'desc').orderBy('videos.id', 'desc').limit(sql.lit(limit)).as('v');
      })
      .leftJoin('anchors', 'anchors.video_id', 'v.id')
      // No ORDER BY here: sorting the joined rows cost SQLite a temporary B-tree, more than the
      // rest of the statement; the caller orders the few rows (sortIndex).
      .select(['v.id', 'v.created_at', 'anchors.id as anchor_id', 'anchors.position', 'anchors.trigger_count']),
  );
}

/** A page of VIDEO_PAGE_MAX and the one after it that says whether there is a next page. */
const MAX_INDEX_LIMIT = VIDEO_PAGE_MAX + 1;
const indexQueries = new Map<string, PreparedQuery<PlatformDb, IndexArgs, IndexRow>>();
function indexQueryFor(kind: PageFilter['kind'], withCursor: boolean, limit: number): PreparedQuery<PlatformDb, IndexArgs, IndexRow> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_INDEX_LIMIT) throw new Error(`feed: page limit ${limit} out of range`);
  const key = `${kind}:${withCursor}:${limit}`;
  let query = indexQueries.get(key);
  if (!query) indexQueries.set(key, (query = indexQuery(kind, withCursor, limit)));
  return query;
}

/** The index rows of the first `limit` videos `filter` lets through after `after`, unordered (see groupIndex). */
export async function readPageIndex(db: Executor, filter: PageFilter, limit: number, after: { readonly createdAt: number; readonly id: string } | null): Promise<IndexRow[]> {
  const args: IndexArgs = {
    userId: filter.kind === 'signedIn' ? filter.userId : '',
    ownerId: filter.kind === 'publicBy' ? filter.ownerId : '',
    createdAt: after?.createdAt ?? 0,
    id: after?.id ?? '',
  };
  return (await indexQueryFor(filter.kind, after !== null, limit).execute(db, args)).rows;
}

/** A page's videos from its index rows: newest first (created_at, then id, descending), each with its anchors in position order. */
export function groupIndex(rows: readonly IndexRow[]): IndexedVideo[] {
  const byId = new Map<string, { video: IndexedVideo; anchors: { id: string; position: number; count: number }[] }>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) byId.set(row.id, (entry = { video: { id: row.id, createdAt: toSafeInteger(row.created_at), anchorIds: [], counts: [] }, anchors: [] }));
    if (row.anchor_id !== null) entry.anchors.push({ id: row.anchor_id, position: row.position ?? 0, count: toSafeInteger(row.trigger_count ?? 0) });
  }
  const videos: IndexedVideo[] = [];
  for (const { video, anchors } of byId.values()) {
    anchors.sort((a, b) => a.position - b.position);
    for (const anchor of anchors) {
      video.anchorIds.push(anchor.id);
      video.counts.push(anchor.count);
    }
    videos.push(video);
  }
  return videos.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** One video of a page's index. */
export interface IndexedVideo {
  readonly id: string;
  readonly createdAt: number;
  readonly anchorIds: string[];
  readonly counts: number[];
}
