import type { Draft } from '@shared/domain/drafts';
import type { NoticesService } from '../notices-service';

/**
 * After the start-up repair of takes a crash left open: one notice listing each take that came back
 * (title, when it was started, how long it is), so the page can offer "Open in Drafts" for each.
 * Takes that could not be repaired (nothing recorded) are not "recovered": Drafts shows them as failed.
 */
export function noticeRecoveredTakes(notices: NoticesService, drafts: readonly (Draft | null)[], at: number): void {
  const back = drafts.filter((d): d is Draft => d !== null && (d.status === 'recovered' || d.status === 'ready'));
  if (back.length === 0) return;
  const count = back.length;
  notices.add('takes-recovered', 'info', `${count} unfinished recording${count === 1 ? ' was' : 's were'} recovered into Drafts.`, at, {
    text: { key: 'takesRecovered', values: { count } },
    takes: back.map((d) => ({ draftId: d.id, title: d.title, createdAt: d.createdAt, durationMs: d.durationMs })),
  });
}
