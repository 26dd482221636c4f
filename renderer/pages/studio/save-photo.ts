import { findAttribute, type CatalogItem } from '@shared/catalog/schema';
import type { Look } from '@shared/domain/tryon/look';
import { itemName, shadeLabel } from '../../i18n/catalog-names';
import { t } from '../../i18n/i18n';
import { draftsStore } from '../drafts/drafts-store';
import type { PhotoResult } from './PhotoToast';

/** The look as the drafts noun takes it (ids and intensity); none when nothing is worn. */
export function photoLook(look: Look): Parameters<typeof draftsStore.savePhoto>[0]['look'] {
  return look.length === 0 ? undefined : look.map((l) => ({ itemId: l.item.id, attributeId: l.attributeId, intensity: l.intensity }));
}

/** Saves the captured frame as a photo draft, with the item and shade (the current layer) and the whole look recorded. */
export async function savePhoto(blob: Blob, item: CatalogItem | null, attributeId: string | null, look: Look = []): Promise<PhotoResult> {
  const attribute = (item && attributeId !== null ? findAttribute(item, attributeId) : undefined) ?? null;
  const title = item ? `${itemName(item)}${attribute ? ` — ${shadeLabel(item, attribute)}` : ''}` : t('studio.photoTitle');
  const result = await draftsStore.savePhoto({ bytes: new Uint8Array(await blob.arrayBuffer()), title, itemId: item?.id ?? null, attributeId: attribute?.id ?? null, look: photoLook(look) });
  return result.ok ? { ok: true, title: result.value.title, draftId: result.value.id, image: blob } : { ok: false, message: t('studio.photoNotSaved', { message: result.error.message }) };
}

/** Captures the engine's composited frame and saves it: the Take photo button's path. */
export async function captureAndSave(engine: Readonly<{ capturePhoto(): Promise<Blob> }>, item: CatalogItem | null, attributeId: string | null, look: Look = []): Promise<PhotoResult> {
  try {
    return await savePhoto(await engine.capturePhoto(), item, attributeId, look);
  } catch (error) {
    return { ok: false, message: t('studio.photoFailed', { message: error instanceof Error ? error.message : String(error) }) };
  }
}
