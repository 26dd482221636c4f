import type { AnchorId } from '../../../shared/protocol/ids';
import { studioClient } from '../../client/studio-client';
import { t } from '../../i18n/i18n';
import { openStudioWith } from '../../publishing/open-studio';

/** Triggers an anchor on the platform (it counts the tap) and opens Studio with its item and shade; resolves to an error message, or null once navigating. */
export async function triggerAnchor(anchorId: AnchorId, options: { replace?: boolean } = {}): Promise<string | null> {
  const result = await studioClient().anchors.trigger({ anchorId });
  if (!result.ok) return result.error.code === 'not_found' ? t('discover.anchorGone') : result.error.message;
  openStudioWith(result.value.item.id, result.value.anchor.attributeId, options);
  return null;
}
