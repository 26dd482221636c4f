import type { Anchor } from '../../../shared/protocol/index';
import type { Executor } from '../../kernel/db/database';
import { toSafeInteger } from '../../kernel/db/numbers';
import { toAnchor, visibleTo, type Viewer } from '../videos/service';

/** Anchors are written with their video (videos feature); this side reads and counts them. */
export class AnchorsRepository {
  constructor(private readonly db: Executor) {}

  async visibleById(id: string, viewer: Viewer, trx?: Executor): Promise<Anchor | null> {
    const row = await (trx ?? this.db)
      .selectFrom('anchors')
      .innerJoin('videos', 'videos.id', 'anchors.video_id')
      .selectAll('anchors')
      .where('anchors.id', '=', id)
      .where(visibleTo(viewer))
      .executeTakeFirst();
    return row ? toAnchor(row) : null;
  }

  /** Counts one trigger atomically (no read-modify-write race) and returns the new count. */
  async countTrigger(id: string, trx?: Executor): Promise<number> {
    const row = await (trx ?? this.db)
      .updateTable('anchors')
      .set((eb) => ({ trigger_count: eb('trigger_count', '+', 1) }))
      .where('id', '=', id)
      .returning('trigger_count')
      .executeTakeFirstOrThrow();
    return toSafeInteger(row.trigger_count);
  }

  /** Most triggered anchors on public videos only, so the list never leaks a private video. */
  async hot(limit: number, trx?: Executor): Promise<Anchor[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('anchors')
      .innerJoin('videos', 'videos.id', 'anchors.video_id')
      .selectAll('anchors')
      .where('videos.visibility', '=', 'public')
      .where('anchors.trigger_count', '>', 0)
      .orderBy('anchors.trigger_count', 'desc')
      .orderBy('anchors.id')
      .limit(limit)
      .execute();
    return rows.map(toAnchor);
  }
}
