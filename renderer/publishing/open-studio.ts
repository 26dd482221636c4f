import { navigate } from '../app/router';
import { studioPathFor } from './studio-path';

export { studioLookFromQuery, studioPathFor } from './studio-path';

export function openStudioWith(itemId: string, attributeId: string | null, options: { replace?: boolean; withItemIds?: readonly string[] } = {}): void {
  navigate(studioPathFor(itemId, attributeId, options.withItemIds), options.replace ? { replace: true } : {});
}
