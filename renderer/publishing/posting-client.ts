import type { CatalogItem } from '@shared/catalog/schema';
import type { AnchorSubject } from '@shared/domain/anchors/anchor-set';
import type { DraftId } from '@shared/domain/ids';
import type { PostingKit } from '@shared/ipc/platform-schemas';
import type { Result } from '@shared/ipc/result';
import { studioClient } from '../client/studio-client';

/** What the posting page loads: the draft's posting kit, the catalog, the platform's hot anchors. */
export const postingClient = {
  kit: (draftId: DraftId): Promise<Result<PostingKit>> => studioClient().sync.prepare({ draftId }),
  catalog: (): Promise<Result<readonly CatalogItem[]>> => studioClient().catalog.list(),
  /** The platform's most tried anchors as subjects to offer; an offline platform gives none. */
  async hotAnchors(limit: number): Promise<readonly AnchorSubject[]> {
    const result = await studioClient().discover.hotAnchors({ limit });
    return result.ok ? result.value.anchors.map(({ anchor, item }) => ({ itemId: item.id, attributeId: anchor.attributeId, label: anchor.label })) : [];
  },
  /** Calls `listener` when this draft changes (an export landing); returns the unsubscribe. */
  onDraftChanged: (draftId: DraftId, listener: () => void): (() => void) => studioClient().on('drafts.changed', (e) => e.draftId === draftId && listener()),
};
