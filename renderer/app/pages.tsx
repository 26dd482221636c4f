import type { ReactElement } from 'react';
import type { PageId } from './routes';
import { AnchorPage } from '../pages/discover/AnchorPage';
import { DiscoverPage } from '../pages/discover/DiscoverPage';
import { DraftsPage } from '../pages/drafts/DraftsPage';
import { LivePage } from '../pages/live/LivePage';
import { MessagesPage } from '../pages/messages/MessagesPage';
import { PostPage } from '../pages/post/PostPage';
import { PostResultPage } from '../pages/post/PostResultPage';
import { PreviewPage } from '../pages/preview/PreviewPage';
import { RequestsPage } from '../pages/requests/RequestsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { ShootPage } from '../pages/shoot/ShootPage';
import { StudioPage } from '../pages/studio/StudioPage';

export interface PageEntry {
  readonly id: PageId;
  /** A single glyph shown in the rail. */
  readonly icon: string;
  readonly render: () => ReactElement;
  /** Reached from another page (Studio → Shoot → Preview), not listed in the rail. */
  readonly hidden?: boolean;
}

/**
 * The navigation, in order. Only pages that work are listed: add an entry here when a page is
 * done (Studio, Discover, Settings …), never a placeholder.
 */
export const pages: readonly PageEntry[] = [
  { id: 'studio', icon: '◉', render: () => <StudioPage /> },
  { id: 'drafts', icon: '▦', render: () => <DraftsPage /> },
  { id: 'discover', icon: '✦', render: () => <DiscoverPage /> },
  { id: 'live', icon: '◎', render: () => <LivePage /> },
  { id: 'messages', icon: '✉', render: () => <MessagesPage /> },
  { id: 'requests', icon: '✎', render: () => <RequestsPage /> },
  { id: 'settings', icon: '⚙', render: () => <SettingsPage /> },
  { id: 'shoot', icon: '●', render: () => <ShootPage />, hidden: true },
  { id: 'preview', icon: '▶', render: () => <PreviewPage />, hidden: true },
  { id: 'post', icon: '↑', render: () => <PostPage />, hidden: true },
  { id: 'posted', icon: '↑', render: () => <PostResultPage />, hidden: true },
  { id: 'anchor', icon: '⚓', render: () => <AnchorPage />, hidden: true },
];
