import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { newDraft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import { failureNote } from '@shared/ipc/failure-text';
import { DraftsRepository } from '../../drafts/drafts-repository';
import { migrate } from '../migrate';
import { migrations } from './index';

const media = { mediaFile: 'take.webm', thumbnailFile: null, mimeType: 'video/webm', sizeBytes: 10, width: 640, height: 480, durationMs: 1000 };

test('0080 keeps an older failed draft’s plain detail, and a draft then keeps its detail’s key and params beside the English', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version <= 70),
  );
  db.prepare(
    `INSERT INTO drafts (id, kind, title, created_at, updated_at, media_file, mime_type, size_bytes, status, status_detail)
     VALUES ('drf_0000000001oldtake', 'video', 'Old take', 1, 1, 'take.webm', 'video/webm', 10, 'failed', 'Conversion failed — moov atom not found')`,
  ).run();
  expect(migrate(db, migrations).to).toBeGreaterThanOrEqual(80);
  const drafts = new DraftsRepository(db);
  expect(drafts.get('drf_0000000001oldtake' as DraftId)).toMatchObject({ statusDetail: 'Conversion failed — moov atom not found', statusKey: null });

  const id = 'drf_0000000002newtake' as DraftId;
  drafts.insert(
    newDraft({ id, kind: 'video', title: 'New take', now: 2, mediaFile: 'take.webm', mimeType: 'video/webm', status: 'exporting', statusDetail: 'waiting', statusKey: { key: 'draftStatus.waiting' } }),
  );
  expect(drafts.get(id)).toMatchObject({ statusDetail: 'waiting', statusKey: { key: 'draftStatus.waiting' } });
  drafts.setStatus(id, 'exporting', failureNote({ key: 'draftStatus.percent', params: { percent: 42 } }), 3);
  expect(drafts.get(id)).toMatchObject({ status: 'exporting', statusDetail: '42 %', statusKey: { key: 'draftStatus.percent', params: { percent: 42 } } });
  // ffmpeg's own words are kept plain: no stale key is left beside them.
  drafts.setMedia(id, media, 'failed', { message: 'Invalid data found when processing input' }, 4);
  expect(drafts.get(id)).toMatchObject({ statusDetail: 'Invalid data found when processing input', statusKey: null });
  drafts.setMedia(id, media, 'recovered', failureNote({ key: 'draftStatus.recovered' }), 5);
  expect(drafts.get(id)).toMatchObject({ status: 'recovered', statusDetail: 'Recovered after the studio closed mid-take', statusKey: { key: 'draftStatus.recovered' } });
  drafts.setStatus(id, 'ready', null, 6);
  expect(drafts.get(id)).toMatchObject({ statusDetail: null, statusKey: null });
  db.close();
});
