import type { Executor } from '../../kernel/db/database';
import { afterCommitOrNow } from '../../kernel/db/transaction';
import type { EventLog } from '../../kernel/events/event-log';
import type { EventHub } from '../../kernel/events/hub';
import type { SessionCache } from './session-cache';

/**
 * The event log's node-internal topic for changes to what a token resolves to: a session ended,
 * an account renamed or gone. No client may read it: the TopicAuthorizer has no rule for it.
 */
export const SESSIONS_TOPIC = 'sessions';
export const SESSION_ENDED = 'session.ended';
export const ACCOUNT_CHANGED = 'account.changed';

/**
 * Keeps every node's SessionCache in step with the sessions table. A writer calls `ended` or
 * `accountChanged` inside its own transaction: this node forgets right after COMMIT (so the next
 * request here is refused or sees the new name), the other nodes when their hub reads the event
 * from the log (woken through Redis within milliseconds, else by the hub's catch-up every second).
 * Expiry needs no event: every node checks it on every request.
 */
export class SessionChanges {
  constructor(
    private readonly log: Pick<EventLog, 'publish'>,
    private readonly cache: SessionCache,
  ) {}

  /** A session was deleted in `trx` (sign-out). */
  async ended(trx: Executor, tokenHash: string): Promise<void> {
    await this.log.publish(trx, { topic: SESSIONS_TOPIC, type: SESSION_ENDED, data: { tokenHash } });
    afterCommitOrNow(trx, () => this.cache.forget(tokenHash));
  }

  /**
   * An account's handle or display name changed, its password changed (when that ends its
   * sessions) or it was deleted, in `trx`: its sessions are read again on every node.
   */
  async accountChanged(trx: Executor, userId: string): Promise<void> {
    await this.log.publish(trx, { topic: SESSIONS_TOPIC, type: ACCOUNT_CHANGED, data: { userId } });
    afterCommitOrNow(trx, () => this.cache.forgetUser(userId));
  }

  /** Applies the changes any node writes to the log (this node's own again, harmlessly). Returns the unsubscribe. */
  follow(hub: EventHub): Promise<() => void> {
    return hub.subscribe(
      {
        topics: new Set([SESSIONS_TOPIC]),
        closed: false,
        send: (event) => {
          const { tokenHash, userId } = event.data;
          if (event.type === SESSION_ENDED && typeof tokenHash === 'string') this.cache.forget(tokenHash);
          else if (event.type === ACCOUNT_CHANGED && typeof userId === 'string') this.cache.forgetUser(userId);
          // A change this node does not know how to apply (a newer node's): forget everything rather than serve it.
          else this.cache.forgetAll();
        },
      },
      undefined,
    );
  }
}
