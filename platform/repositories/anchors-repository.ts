import type { Anchor } from '../../shared/protocol/index';
import type { Db } from '../db/database';
import { toAnchor, visibleTo, type Viewer } from './videos-repository';

export class AnchorsRepository {
  constructor(private readonly db: Db) {}

  async visibleById(id: string, viewer: Viewer): Promise<Anchor | null> {
    const row = await this.db
      .selectFrom('anchors')
      .innerJoin('videos', 'videos.id', 'anchors.video_id')
      .selectAll('anchors')
      .where('anchors.id', '=', id)
      .where(visibleTo(viewer))
      .executeTakeFirst();
    return row ? toAnchor(row) : null;
  }

  /** Counts one trigger atomically (no read-modify-write race) and returns the new count. */
  async countTrigger(id: string): Promise<number> {
    const row = await this.db
      .updateTable('anchors')
      .set((eb) => ({ trigger_count: eb('trigger_count', '+', 1) }))
      .where('id', '=', id)
      .returning('trigger_count')
      .executeTakeFirstOrThrow();
    return Number(row.trigger_count);
  }

  /** Most triggered anchors on public videos only, so the list never leaks a private video. */
  async hot(limit: number): Promise<Anchor[]> {
    const rows = await this.db
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
