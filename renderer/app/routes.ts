import type { DraftId, PostJobId } from '@shared/domain/ids';
import type { ConversationId } from '@shared/protocol/messages';
import type { OrderId } from '@shared/protocol/orders';
import type { en } from '../i18n/locales/en';

/** A page's first path segment; its rail label is `app.pages.<id>`. */
export type PageId = keyof (typeof en)['app']['pages'];

/** What the second segment names on the pages that take one (`/preview/<draftId>` …). */
export interface RouteIds {
  readonly drafts: DraftId;
  readonly preview: DraftId;
  readonly post: DraftId;
  readonly posted: PostJobId;
  readonly discover: string;
  readonly anchor: string;
  readonly messages: ConversationId;
  readonly requests: OrderId;
}

export interface Route {
  /** The first segment, as written: the app falls back to its first page when it names none. */
  readonly section: string;
  /** The second segment, decoded; null when absent or not decodable. */
  readonly id: string | null;
}

/** `/preview/drf%5F1` → `{ section: 'preview', id: 'drf_1' }`. */
export function parseRoute(path: string): Route {
  const [, section = '', raw] = path.split('/');
  let id: string | null = null;
  if (raw) {
    try {
      id = decodeURIComponent(raw);
    } catch {
      id = null;
    }
  }
  return { section, id };
}

const withId = (page: PageId, id: string | null | undefined): string => (id ? `/${page}/${encodeURIComponent(id)}` : `/${page}`);

/** Every page's path, built in one place (the pages read them back with `useRouteId`). */
export const paths = {
  page: (page: PageId): string => `/${page}`,
  drafts: (id?: DraftId): string => withId('drafts', id),
  preview: (id: DraftId): string => withId('preview', id),
  post: (id: DraftId): string => withId('post', id),
  posted: (id: PostJobId): string => withId('posted', id),
  discover: (videoId?: string | null): string => withId('discover', videoId),
  anchor: (id: string): string => withId('anchor', id),
  messages: (id?: ConversationId): string => withId('messages', id),
  requests: (id?: OrderId): string => withId('requests', id),
} as const;
