import type { AnchorId } from '@shared/protocol/ids';
import { t } from '../../i18n/i18n';
import { discoverClient } from '../../publishing/discover-client';
import { openStudioWith } from '../../publishing/open-studio';
import { anchorArrival } from '../studio/anchor-arrival';

/**
 * Triggers an anchor on the platform (it counts the tap) and opens Studio with its item and shade (and a look's other items),
 * saying whose video it came from (`from`: the creator's handle, looked up when not given);
 * resolves to an error message, or null once navigating.
 */
export async function triggerAnchor(anchorId: AnchorId, options: { replace?: boolean; from?: string } = {}): Promise<string | null> {
  const result = await discoverClient.trigger(anchorId);
  if (!result.ok) return result.error.code === 'not_found' ? t('discover.anchorGone') : result.error.message;
  const from = options.from ?? (await discoverClient.video(result.value.anchor.videoId).then((r) => (r.ok ? r.value.creator.handle : null)));
  anchorArrival.set(result.value.item.id, from ?? null);
  // A look anchor links several items: the Studio wears them all (the first in the anchor's shade).
  const withItemIds = result.value.items.slice(1).map((i) => i.id);
  openStudioWith(result.value.item.id, result.value.anchor.attributeId, { ...(options.replace ? { replace: true } : {}), withItemIds });
  return null;
}
