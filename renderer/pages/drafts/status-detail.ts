import type { Draft } from '@shared/domain/drafts';
import { failureMessage } from '../../i18n/failures';

/** A draft's status detail in the user's language (a keyed one translated, a plain one — ffmpeg's words — as stored), or null. */
export function statusDetailText(draft: Pick<Draft, 'statusDetail' | 'statusKey'>): string | null {
  if (draft.statusDetail === null) return null;
  return failureMessage(draft.statusKey ? { message: draft.statusDetail, ...draft.statusKey } : { message: draft.statusDetail });
}
