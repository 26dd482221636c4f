import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { sniffMedia, SNIFF_BYTES } from '@shared/domain/media-sniff';
import type { UserId } from '@shared/protocol/ids';
import { ApiError } from '../../kernel/http/api-error';
import { probeVideo } from '../../kernel/media/probe';
import type { MediaTools } from '../../kernel/media/tools';
import type { ByteRange, MediaStorage } from '../../kernel/storage/media-storage';
import type { OwnedUploads } from '../uploads/service';

export const THANKS_CLIP_MAX_MS = 15_000;

/** What a thanks shows: a picture (animated or not: <img>) or a clip (<video>), and where it is kept. */
export interface KeptThanksMedia {
  readonly kind: 'picture' | 'clip';
  readonly mimeType: string;
  /** The storage key (`<giftId>/thanks-<uploadId>.<ext>`). */
  readonly key: string;
}

/** The thanks media seam the gifts service uses: check an upload, keep it for good, read it back. */
export interface ThanksMediaStore {
  /** Checks a finished upload of `ownerId` and says what it is and under which key it will be kept; throws an ApiError when it does not fit. */
  check(uploadId: string, ownerId: string, giftId: string): Promise<KeptThanksMedia>;
  /** Moves the upload's file into permanent storage under `key` (done once; a repeat after a crash finishes it). */
  keep(media: KeptThanksMedia, uploadId: string): Promise<void>;
  /** The kept file's size and bytes, moving it in first if a crash stopped `keep` after the thanks was written; null when gone. */
  open(media: KeptThanksMedia, uploadId: string | null): Promise<{ readonly size: number; readonly read: () => Readable } | null>;
}

/**
 * Thanks media: a finished upload of the streamer's that is a picture (PNG, JPEG, WebP), an
 * animated image (GIF, animated WebP) or a video of at most 15 s (ffprobe reads the whole file, so
 * a cut-off or disguised file is refused), decided from the bytes, never the name. Accepted media
 * leave the uploads folder (whose records expire after 7 days) for the thanks storage, as a posted
 * video's file moves into the media storage, so the sender can see it as long as the gift exists.
 */
export class ThanksMedia implements ThanksMediaStore {
  constructor(
    private readonly uploads: Pick<OwnedUploads, 'readOwned' | 'fileOf' | 'forget'>,
    private readonly tools: MediaTools | null,
    private readonly storage: MediaStorage,
  ) {}

  async check(uploadId: string, ownerId: string, giftId: string): Promise<KeptThanksMedia> {
    const upload = await this.uploads.readOwned(uploadId, ownerId as UserId);
    const handle = await open(upload.file, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    try {
      await handle.read(head, 0, SNIFF_BYTES, 0);
    } finally {
      await handle.close();
    }
    const sniffed = sniffMedia(head);
    if (!sniffed) throw new ApiError('unsupported_media_type', 'Thanks take a picture, an animated image or a short video');
    const key = `${giftId}/thanks-${uploadId}.${sniffed.extension}`;
    if (sniffed.kind === 'photo') return { kind: 'picture', mimeType: sniffed.mimeType, key };
    if (!this.tools) throw new ApiError('unsupported_media_type', 'This platform cannot check videos (no ffprobe); thank with a picture');
    const probed = await probeVideo(this.tools.ffprobe, upload.file, this.tools.limits);
    if (!probed.ok) throw new ApiError('not_a_video', `That video cannot be played: ${probed.reason}`);
    if (probed.video.durationMs > THANKS_CLIP_MAX_MS)
      throw new ApiError('bad_request', `A thanks clip is at most ${THANKS_CLIP_MAX_MS / 1000} s (this one is ${(probed.video.durationMs / 1000).toFixed(1)} s)`);
    return { kind: 'clip', mimeType: probed.video.mimeType, key };
  }

  async keep(media: KeptThanksMedia, uploadId: string): Promise<void> {
    if (!(await this.storage.stat(media.key))) {
      try {
        await this.storage.put(media.key, this.uploads.fileOf(uploadId));
      } catch (error) {
        // A concurrent read moved it first (the move is one rename).
        if (!(await this.storage.stat(media.key))) throw error;
      }
    }
    await this.uploads.forget(uploadId);
  }

  async open(media: KeptThanksMedia, uploadId: string | null): Promise<{ readonly size: number; readonly read: (range?: ByteRange) => Readable } | null> {
    let object = await this.storage.stat(media.key);
    if (!object && uploadId) {
      await this.keep(media, uploadId).catch(() => undefined);
      object = await this.storage.stat(media.key);
    }
    if (!object) return null;
    return { size: object.size, read: (range) => this.storage.read(media.key, range) };
  }
}
