import type { Notice } from '@shared/ipc/contract';
import type { NoticeId } from '@shared/domain/ids';

/** Things the user must be told that happened before a window was there to hear (a database moved aside). */
export class NoticesService {
  private readonly notices: Notice[] = [];

  constructor(private readonly onAdded: (notice: Notice) => void) {}

  /** `message` is the English sentence; `extra.text` the same as a string-table key, so the user reads it in their language. */
  add(id: string, level: Notice['level'], message: string, at: number, extra: Pick<Notice, 'text' | 'takes'> = {}): Notice {
    const notice: Notice = { id: id as NoticeId, level, message, ...extra, at };
    this.notices.push(notice);
    this.onAdded(notice);
    return notice;
  }

  list(): Notice[] {
    return [...this.notices];
  }

  dismiss(id: NoticeId): void {
    const index = this.notices.findIndex((n) => n.id === id);
    if (index >= 0) this.notices.splice(index, 1);
  }
}
