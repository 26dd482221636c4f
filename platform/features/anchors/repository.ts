import type { Anchor } from '@shared/protocol/index';
import type { Executor } from '../../kernel/db/database';
import { rowCount, toSafeInteger } from '../../kernel/db/numbers';
import { transaction } from '../../kernel/db/transaction';
import { toAnchor, visibleTo, type Viewer } from '../videos/service';

type MarksTables = {
  anchor_trigger_marks: { anchor_id: string; viewer_key: string; hour: number };
};

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

  /**
   * Counts a trigger once per `viewerKey` per anchor per clock hour: the mark's primary key decides
   * (so racing requests and other nodes agree), and only a new mark adds to the count. Returns the
   * count and whether this call added to it.
   */
  async countTriggerOnce(id: string, viewerKey: string, hour: number, trx?: Executor): Promise<{ readonly triggerCount: number; readonly counted: boolean }> {
    return transaction(trx ?? this.db, async (t) => {
      const marked = await t
        .withTables<MarksTables>()
        .insertInto('anchor_trigger_marks')
        .values({ anchor_id: id, viewer_key: viewerKey, hour })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (rowCount(marked.numInsertedOrUpdatedRows) === 1) return { triggerCount: await this.countTrigger(id, t), counted: true };
      const row = await t.selectFrom('anchors').select('trigger_count').where('id', '=', id).executeTakeFirstOrThrow();
      return { triggerCount: toSafeInteger(row.trigger_count), counted: false };
    });
  }

  /** Housekeeping: marks from hours before `hour` can no longer stop a count. */
  async pruneMarks(hour: number, trx?: Executor): Promise<number> {
    const result = await (trx ?? this.db).withTables<MarksTables>().deleteFrom('anchor_trigger_marks').where('hour', '<', hour).executeTakeFirst();
    return rowCount(result.numDeletedRows);
  }

  /** Counts one trigger atomically (no read-modify-write race) and returns the new count. */
  private async countTrigger(id: string, trx?: Executor): Promise<number> {
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
