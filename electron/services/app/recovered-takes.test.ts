import { describe, expect, it } from 'vitest';
import { newDraft, type Draft } from '@shared/domain/drafts';
import { DraftId } from '@shared/domain/ids';
import { Notice } from '@shared/ipc/nouns/app';
import { NoticesService } from '../notices-service';
import { noticeRecoveredTakes } from './recovered-takes';

const take = (n: number, status: Draft['status'], durationMs: number | null): Draft =>
  newDraft({
    id: DraftId.parse(`drf_${String(n).padStart(10, '0')}`),
    kind: 'video',
    title: `Take ${n}`,
    now: 1_700_000_000_000 + n,
    mediaFile: 'capture.webm',
    mimeType: 'video/webm',
    durationMs,
    status,
  });

describe('noticeRecoveredTakes', () => {
  it('lists each take that came back with title, start time and length, as a keyed sentence with its count', () => {
    const sent: Notice[] = [];
    const notices = new NoticesService((n) => sent.push(n));
    noticeRecoveredTakes(notices, [take(1, 'recovered', 61_000), take(2, 'failed', null), null, take(3, 'ready', 4_000)], 42);
    expect(sent).toHaveLength(1);
    const notice = Notice.parse(sent[0]);
    expect(notice).toMatchObject({
      id: 'takes-recovered',
      level: 'info',
      at: 42,
      message: '2 unfinished recordings were recovered into Drafts.',
      text: { key: 'takesRecovered', values: { count: 2 } },
    });
    expect(notice.takes).toEqual([
      { draftId: 'drf_0000000001', title: 'Take 1', createdAt: 1_700_000_000_001, durationMs: 61_000 },
      { draftId: 'drf_0000000003', title: 'Take 3', createdAt: 1_700_000_000_003, durationMs: 4_000 },
    ]);
  });

  it('says nothing when no take could be repaired (they show in Drafts as failed)', () => {
    const notices = new NoticesService(() => undefined);
    noticeRecoveredTakes(notices, [take(1, 'failed', null), null], 1);
    expect(notices.list()).toEqual([]);
  });
});
