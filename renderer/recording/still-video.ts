import type { Draft } from '@shared/domain/drafts';
import type { Result } from '@shared/ipc/result';
import { studioClient } from '../client/studio-client';
import type { TakeLook } from './take-controller';

/** The contract's limit for one still; a PNG of a big photo can exceed it, a JPEG at 0.92 will not. */
const PNG_LIMIT = 3 * 1024 * 1024;

async function stillBytes(png: Blob): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: 'image/png' | 'image/jpeg' }> {
  if (png.size <= PNG_LIMIT) return { bytes: new Uint8Array(await png.arrayBuffer()), mimeType: 'image/png' };
  const bitmap = await createImageBitmap(png);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  return { bytes: new Uint8Array(await jpeg.arrayBuffer()), mimeType: 'image/jpeg' };
}

/** A composited photo (the try-on's PNG) made into a video draft of `seconds`, with the whole look recorded (as a take records it). */
export async function makeStillVideo(png: Blob, seconds: number, look: TakeLook): Promise<Result<{ draft: Draft }>> {
  const { bytes, mimeType } = await stillBytes(png);
  return studioClient().recordings.still({ bytes, mimeType, seconds, itemId: look.itemId, attributeId: look.attributeId, ...(look.look && look.look.length > 0 ? { look: [...look.look] } : {}) });
}
