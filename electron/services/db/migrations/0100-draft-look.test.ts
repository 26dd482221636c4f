import { LookIds } from '@shared/domain/tryon/look-ids';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { newDraft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import { DraftsRepository } from '../../drafts/drafts-repository';
import { migrate } from '../migrate';
import { migrations } from './index';

test('0100 reads an older photo draft as having no look, and a new one keeps the whole look it was taken in', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version <= 90),
  );
  db.prepare(
    `INSERT INTO drafts (id, kind, title, created_at, updated_at, media_file, mime_type, size_bytes, item_id, attribute_id, status)
     VALUES ('drf_0000000001oldphoto', 'photo', 'Old photo', 1, 1, 'photo.png', 'image/png', 10, 'lipstick-classic', 'ruby', 'ready')`,
  ).run();
  expect(migrate(db, migrations).to).toBeGreaterThanOrEqual(100);
  const drafts = new DraftsRepository(db);
  expect(drafts.get('drf_0000000001oldphoto' as DraftId)).toMatchObject({ itemId: 'lipstick-classic', attributeId: 'ruby', look: [] });

  const id = 'drf_0000000002newphoto' as DraftId;
  const look = LookIds.parse([
    { itemId: 'lipstick-classic', attributeId: 'ruby', intensity: 0.8 },
    { itemId: 'hat-fedora', attributeId: 'black', intensity: 1 },
  ]);
  drafts.insert(newDraft({ id, kind: 'photo', title: 'New photo', now: 2, mediaFile: 'photo.png', mimeType: 'image/png', itemId: 'hat-fedora', attributeId: 'black', look }));
  expect(drafts.get(id)).toMatchObject({ itemId: 'hat-fedora', attributeId: 'black', look });
  // A look that no longer reads (hand-edited, a future shape) leaves the draft readable, without its look.
  db.prepare(`UPDATE drafts SET look_json = '{"not":"a look"}' WHERE id = ?`).run(id);
  expect(drafts.get(id)).toMatchObject({ itemId: 'hat-fedora', look: [] });
  db.close();
});
