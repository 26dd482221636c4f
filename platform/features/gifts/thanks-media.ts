import { open } from 'node:fs/promises';
import { sniffMedia, SNIFF_BYTES } from '@shared/domain/media-sniff';
import type { UserId } from '@shared/protocol/ids';
import { ApiError } from '../../kernel/http/api-error';
import { probeVideo } from '../../kernel/media/probe';
import type { MediaTools } from '../../kernel/media/tools';
import type { OwnedUploads } from '../uploads/service';

export const THANKS_CLIP_MAX_MS = 15_000;

/**
 * Checks what a streamer thanks with: a finished upload of theirs that is a picture (PNG, JPEG,
 * WebP), an animated image (GIF, animated WebP) or a video of at most 15 s (ffprobe reads the whole
 * file, so a cut-off or disguised file is refused). Decided from the bytes, never the name.
 */
export function thanksMediaChecker(uploads: Pick<OwnedUploads, 'readOwned'>, tools: MediaTools | null): (uploadId: string, ownerId: string) => Promise<void> {
  return async (uploadId, ownerId) => {
    const upload = await uploads.readOwned(uploadId, ownerId as UserId);
    const handle = await open(upload.file, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    try {
      await handle.read(head, 0, SNIFF_BYTES, 0);
    } finally {
      await handle.close();
    }
    const sniffed = sniffMedia(head);
    if (!sniffed) throw new ApiError('unsupported_media_type', 'Thanks take a picture, an animated image or a short video');
    if (sniffed.kind === 'photo') return;
    if (!tools) throw new ApiError('unsupported_media_type', 'This platform cannot check videos (no ffprobe); thank with a picture');
    const probed = await probeVideo(tools.ffprobe, upload.file, tools.limits);
    if (!probed.ok) throw new ApiError('not_a_video', `That video cannot be played: ${probed.reason}`);
    if (probed.video.durationMs > THANKS_CLIP_MAX_MS)
      throw new ApiError('bad_request', `A thanks clip is at most ${THANKS_CLIP_MAX_MS / 1000} s (this one is ${(probed.video.durationMs / 1000).toFixed(1)} s)`);
  };
}
