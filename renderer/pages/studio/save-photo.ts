import { findAttribute, type CatalogItem } from '@shared/catalog/schema';
import { itemName, shadeLabel } from '../../i18n/catalog-names';
import { t } from '../../i18n/i18n';
import { draftsStore } from '../drafts/drafts-store';
import type { PhotoResult } from './PhotoToast';

/** Saves the captured frame as a photo draft, with the item and shade recorded. */
export async function savePhoto(blob: Blob, item: CatalogItem | null, attributeId: string | null): Promise<PhotoResult> {
  const attribute = (item && attributeId !== null ? findAttribute(item, attributeId) : undefined) ?? null;
  const title = item ? `${itemName(item)}${attribute ? ` — ${shadeLabel(item, attribute)}` : ''}` : t('studio.photoTitle');
  const result = await draftsStore.savePhoto({ bytes: new Uint8Array(await blob.arrayBuffer()), title, itemId: item?.id ?? null, attributeId: attribute?.id ?? null });
  return result.ok ? { ok: true, title: result.value.title, draftId: result.value.id, image: blob } : { ok: false, message: t('studio.photoNotSaved', { message: result.error.message }) };
}

/** Captures the engine's composited frame and saves it: the Take photo button's path. */
export async function captureAndSave(engine: Readonly<{ capturePhoto(): Promise<Blob> }>, item: CatalogItem | null, attributeId: string | null): Promise<PhotoResult> {
  try {
    return await savePhoto(await engine.capturePhoto(), item, attributeId);
  } catch (error) {
    return { ok: false, message: t('studio.photoFailed', { message: error instanceof Error ? error.message : String(error) }) };
  }
}
