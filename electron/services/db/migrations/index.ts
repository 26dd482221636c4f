import type { Migration } from '../migrate';
import { migration0010Drafts } from './0010-drafts';
import { migration0020Catalog } from './0020-catalog';
import { migration0040Outbox } from './0040-outbox';
import { migration0050Settings } from './0050-settings';
import { migration0060OutboxDeliver } from './0060-outbox-deliver';
import { migration0070OutboxErrorKey } from './0070-outbox-error-key';
import { migration0080DraftStatusKey } from './0080-draft-status-key';
import { migration0090LookPresets } from './0090-look-presets';
import { migration0100DraftLook } from './0100-draft-look';

/**
 * Every migration, in order. Numbers leave room between them (0010, 0020 …) so parallel work
 * can slot in; each one that touches data has a test beside it.
 */
export const migrations: readonly Migration[] = [
  migration0010Drafts,
  migration0020Catalog,
  migration0040Outbox,
  migration0050Settings,
  migration0060OutboxDeliver,
  migration0070OutboxErrorKey,
  migration0080DraftStatusKey,
  migration0090LookPresets,
  migration0100DraftLook,
];
