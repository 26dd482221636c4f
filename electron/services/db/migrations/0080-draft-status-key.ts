import type { Migration } from '../migrate';

/**
 * A draft keeps its status detail's key and params beside the English sentence (issue 12): a
 * failed export or take, and an export's progress, are said in the studio's language whenever
 * they are shown. JSON `{ "key": …, "params": … }`, or NULL for a plain sentence (and older rows).
 */
export const migration0080DraftStatusKey: Migration = {
  version: 80,
  name: 'draft-status-key',
  up: `ALTER TABLE drafts ADD COLUMN status_detail_key TEXT;`,
};
