import type { Executor } from '../../kernel/db/database';
import { afterCommitOrNow } from '../../kernel/db/transaction';
import type { EventLog } from '../../kernel/events/event-log';

/**
 * The event log's node-internal topic for changes to pages only signed-in viewers see (a followers
 * or private video posted, a trigger counted on one). No client may read it: the TopicAuthorizer
 * has no rule for it. Changes to public videos travel as their public events instead.
 */
export const FEED_TOPIC = 'feed';
export const FEED_CHANGED = 'feed.changed';

/** Where a change happened: on a public video (already announced by its public event) or not. */
export interface FeedChange {
  readonly videoId: string;
  readonly isPublic: boolean;
}

/**
 * Tells every node's signed-in feed cache that a page may have changed. The writer calls `changed`
 * inside its own transaction: this node's listeners hear of it right after COMMIT (so the writer's
 * next read is fresh), other nodes through the log (woken by the bus, else by the hub's catch-up).
 */
export class FeedChanges {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly log: Pick<EventLog, 'publish'>) {}

  async changed(trx: Executor, change: FeedChange): Promise<void> {
    if (!change.isPublic) await this.log.publish(trx, { topic: FEED_TOPIC, type: FEED_CHANGED, data: { videoId: change.videoId } });
    afterCommitOrNow(trx, () => this.notify());
  }

  /** Calls `listener` after each committed change made through this node. Returns the unsubscribe. */
  onChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
