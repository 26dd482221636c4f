import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool } from 'kysely';
import type { Anchor, AnchorId, AttributeId, ItemId, MediaKind, UserId, Video, VideoId, Visibility } from '@shared/protocol/index';
import { coverPath, mediaPath } from '@shared/protocol/index';
import type { Executor } from '../../kernel/db/database';
import { rowCount, toSafeInteger } from '../../kernel/db/numbers';
import type { AnchorsTable, PlatformDb, VideosTable } from '../../kernel/db/schema';
import { afterCommitOrNow, transaction } from '../../kernel/db/transaction';
import { readPageIndex, type IndexRow, type PageFilter } from './feed-queries';

export type AnchorRow = Omit<AnchorsTable, 'trigger_count' | 'extra_item_ids'> & { trigger_count: number; extra_item_ids: string };

/** A videos row as read (defaults filled in). */
export type VideoRow = Selectable<VideosTable>;

export interface VideoRecord {
  readonly row: VideoRow;
  readonly video: Video;
}

export interface Viewer {
  readonly userId: string | null;
}

/** public to everyone; followers to any signed-in account (no follow graph yet); private to its owner. */
export function visibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<PlatformDb, 'videos'>): Expression<SqlBool> => {
    const rules: Expression<SqlBool>[] = [eb('videos.visibility', '=', 'public')];
    if (viewer.userId !== null) {
      rules.push(eb('videos.visibility', '=', 'followers'));
      rules.push(eb('videos.owner_id', '=', viewer.userId));
    }
    return eb.or(rules);
  };
}

export const toAnchor = (row: AnchorRow): Anchor => ({
  id: row.id as AnchorId,
  videoId: row.video_id as VideoId,
  kind: 'tryon',
  role: row.role as Anchor['role'],
  itemId: row.item_id as ItemId,
  attributeId: (row.attribute_id as AttributeId | null) ?? null,
  label: row.label,
  x: row.x,
  y: row.y,
  startMs: row.start_ms,
  endMs: row.end_ms,
  placement: row.placement as Anchor['placement'],
  extraItemIds: parseItemIds(row.extra_item_ids),
  triggerCount: toSafeInteger(row.trigger_count),
});

/** The stored JSON array of extra item ids; anything else (a hand-edited row) reads as none. */
function parseItemIds(text: string): ItemId[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is ItemId => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export interface Cursor {
  readonly createdAt: number;
  readonly id: string;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && typeof value[1] === 'string') return { createdAt: value[0] as number, id: value[1] };
  } catch {
    // fall through: a malformed cursor is the caller's 400
  }
  return null;
}

export class VideosRepository {
  private readonly insertListeners = new Set<() => void>();

  constructor(private readonly db: Executor) {}

  /** Calls `listener` once a transaction that added a video has committed. Returns the unsubscribe. */
  onInserted(listener: () => void): () => void {
    this.insertListeners.add(listener);
    return () => void this.insertListeners.delete(listener);
  }

  /**
   * Inserts a video and its anchors in one transaction (the caller's, when given). Returns false when
   * the idempotency key or upload was already used: `on conflict do nothing` rather than a caught
   * unique violation, because on PostgreSQL a failed statement would poison the caller's transaction.
   */
  async insert(video: Insertable<VideosTable>, anchors: readonly AnchorRow[], trx?: Executor): Promise<boolean> {
    return transaction(trx ?? this.db, async (t) => {
      const result = await t
        .insertInto('videos')
        .values(video)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (rowCount(result.numInsertedOrUpdatedRows) !== 1) return false;
      if (anchors.length > 0)
        await t
          .insertInto('anchors')
          .values(anchors.map((a) => ({ ...a })))
          .execute();
      // A transaction opened elsewhere cannot tell when it commits: tell the listeners now (they
      // hear of a public video again through the event log).
      if (this.insertListeners.size > 0) afterCommitOrNow(t, () => this.notifyInserted());
      return true;
    });
  }

  private notifyInserted(): void {
    for (const listener of this.insertListeners) listener();
  }

  async rowById(id: string, trx?: Executor): Promise<VideoRow | null> {
    return (await (trx ?? this.db).selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async exists(id: string, trx?: Executor): Promise<boolean> {
    return (await (trx ?? this.db).selectFrom('videos').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async setCover(id: string, coverFile: string, trx?: Executor): Promise<void> {
    await (trx ?? this.db).updateTable('videos').set({ cover_file: coverFile }).where('id', '=', id).execute();
  }

  async byIdempotencyKey(ownerId: string, key: string, trx?: Executor): Promise<VideoRecord | null> {
    const row = await (trx ?? this.db).selectFrom('videos').selectAll().where('owner_id', '=', ownerId).where('idempotency_key', '=', key).executeTakeFirst();
    return row ? (await this.hydrate([row], trx))[0]! : null;
  }

  async byUploadId(uploadId: string, trx?: Executor): Promise<VideoRow | null> {
    return (await (trx ?? this.db).selectFrom('videos').selectAll().where('upload_id', '=', uploadId).executeTakeFirst()) ?? null;
  }

  async visibleById(id: string, viewer: Viewer, trx?: Executor): Promise<VideoRecord | null> {
    const row = await (trx ?? this.db).selectFrom('videos').selectAll().where('id', '=', id).where(visibleTo(viewer)).executeTakeFirst();
    return row ? (await this.hydrate([row], trx))[0]! : null;
  }

  /**
   * A feed page's index (feed-queries.ts): the first `limit` videos `filter` lets through after
   * `after`, newest first (keyset on (created_at, id), so inserts never shift a page), each with its
   * anchors' ids and trigger counts. FeedPages turns it into the page's text.
   */
  pageIndex(filter: PageFilter, limit: number, after: Cursor | null, trx?: Executor): Promise<IndexRow[]> {
    return readPageIndex(trx ?? this.db, filter, limit, after);
  }

  /** The videos with these ids, whoever may see them (the caller has checked), in no particular order. */
  async recordsByIds(ids: readonly string[], trx?: Executor): Promise<VideoRecord[]> {
    if (ids.length === 0) return [];
    const rows = await (trx ?? this.db)
      .selectFrom('videos')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return this.hydrate(rows, trx);
  }

  /** The account behind a handle (the accounts feature's users table, read for this lookup only). */
  async ownerIdByHandle(handle: string, trx?: Executor): Promise<string | null> {
    return (await (trx ?? this.db).selectFrom('users').select('id').where('handle', '=', handle).executeTakeFirst())?.id ?? null;
  }

  private async hydrate(rows: readonly VideoRow[], trx?: Executor): Promise<VideoRecord[]> {
    if (rows.length === 0) return [];
    const db = trx ?? this.db;
    const ids = rows.map((r) => r.id);
    // Reads the accounts feature's users table for display names only: one join, not a call per video.
    const owners = await db
      .selectFrom('users')
      .select(['id', 'handle', 'display_name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.owner_id))])
      .execute();
    const anchors = await db.selectFrom('anchors').selectAll().where('video_id', 'in', ids).orderBy('video_id').orderBy('position').execute();
    const ownerById = new Map(owners.map((o) => [o.id, o]));
    return rows.map((row) => {
      const owner = ownerById.get(row.owner_id);
      if (!owner) throw new Error(`video ${row.id} has no owner`);
      return {
        row,
        video: {
          id: row.id as VideoId,
          creator: { id: owner.id as UserId, handle: owner.handle, displayName: owner.display_name },
          title: row.title,
          topic: row.topic,
          visibility: row.visibility as Visibility,
          mediaKind: row.media_kind as MediaKind,
          location: row.location,
          durationMs: row.duration_ms,
          width: row.width,
          height: row.height,
          mimeType: row.mime_type,
          sizeBytes: toSafeInteger(row.size_bytes),
          coverTimeMs: row.cover_time_ms,
          createdAt: toSafeInteger(row.created_at),
          mediaUrl: `/api/v1${mediaPath(row.id)}`,
          coverUrl: `/api/v1${coverPath(row.id)}`,
          anchors: anchors.filter((a) => a.video_id === row.id).map(toAnchor),
        },
      };
    });
  }
}
