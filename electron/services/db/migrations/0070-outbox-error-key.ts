import type { Migration } from '../migrate';

/**
 * The outbox keeps its last error's key and params beside the English sentence (issue 12): a post
 * that waits or failed is said in the studio's language, even after a restart or a language
 * switch. JSON `{ "key": …, "params": … }`, or NULL for a plain message (and for older rows).
 */
export const migration0070OutboxErrorKey: Migration = {
  version: 70,
  name: 'outbox-error-key',
  up: `ALTER TABLE outbox ADD COLUMN last_error_key TEXT;`,
};
