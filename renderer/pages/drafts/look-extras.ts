import type { Draft } from '@shared/domain/drafts';

/** How many items a photo's look wore beside its own (the post's target): the card's "+2 items". */
export function lookExtraCount(draft: Pick<Draft, 'itemId' | 'look'>): number {
  return draft.look.filter((l) => l.itemId !== draft.itemId).length;
}
