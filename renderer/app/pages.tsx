import type { ReactElement } from 'react';
import { AnchorPage } from '../pages/discover/AnchorPage';
import { DiscoverPage } from '../pages/discover/DiscoverPage';
import { DraftsPage } from '../pages/drafts/DraftsPage';
import { PostPage } from '../pages/post/PostPage';
import { PostResultPage } from '../pages/post/PostResultPage';
import { PreviewPage } from '../pages/preview/PreviewPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { ShootPage } from '../pages/shoot/ShootPage';
import { StudioPage } from '../pages/studio/StudioPage';

export interface PageEntry {
  readonly id: string;
  readonly label: string;
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
export const pages: readonly PageEntry[] = [{ id: 'studio', label: 'Studio', icon: '◉', render: () => <StudioPage /> }, { id: 'drafts', label: 'Drafts', icon: '▦', render: () => <DraftsPage /> }, { id: 'discover', label: 'Discover', icon: '✦', render: () => <DiscoverPage /> }, { id: 'settings', label: 'Settings', icon: '⚙', render: () => <SettingsPage /> }, { id: 'shoot', label: 'Shoot', icon: '●', render: () => <ShootPage />, hidden: true }, { id: 'preview', label: 'Preview', icon: '▶', render: () => <PreviewPage />, hidden: true }, { id: 'post', label: 'Post', icon: '↑', render: () => <PostPage />, hidden: true }, { id: 'posted', label: 'Posting', icon: '↑', render: () => <PostResultPage />, hidden: true }, { id: 'anchor', label: 'Anchor', icon: '⚓', render: () => <AnchorPage />, hidden: true }];
