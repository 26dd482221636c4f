import { z } from 'zod';
import { AttributeId, CatalogItemId } from '../../catalog/schema';
import { Draft, DraftTitle } from '../../domain/drafts';
import { LookIds } from '../../domain/tryon/look-ids';
import { DraftId } from '../../domain/ids';
import { eventFor, method, noun } from '../define';

/** Largest photo `drafts.savePhoto` accepts (a 4K PNG is ~25 MiB). */
export const PHOTO_SIZE_MAX = 32 * 1024 * 1024;

const DraftChanged = z.object({ draftId: DraftId.nullable(), change: z.enum(['created', 'updated', 'removed']) });

export const drafts = noun({
  methods: {
    list: method(z.undefined(), z.array(Draft)),
    get: method(z.object({ id: DraftId }), Draft),
    rename: method(z.object({ id: DraftId, title: DraftTitle }), Draft),
    remove: method(z.object({ id: DraftId }), z.null()),
    /** Electron only: the native file dialog; null when the user cancels. */
    importViaDialog: method(z.undefined(), Draft.nullable()),
    /** A photo taken in the Studio (PNG or JPEG of the composited frame) with the look it shows: itemId/attributeId are its current layer, `look` all of them. */
    savePhoto: method(
      z.object({
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= PHOTO_SIZE_MAX, 'a photo is 1 byte to 32 MiB'),
        title: DraftTitle,
        itemId: CatalogItemId.nullable(),
        attributeId: AttributeId.nullable(),
        look: LookIds.optional(),
      }),
      Draft,
    ),
  },
  events: {
    /** Subscribe with `{ draftId }` to hear one draft only (a null draftId, "reload all", always passes). */
    changed: eventFor(DraftChanged, z.object({ draftId: DraftId }), (arg, e) => e.draftId === null || e.draftId === arg.draftId),
  },
});
