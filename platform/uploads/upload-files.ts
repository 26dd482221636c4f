import path from 'node:path';
import type { UserId } from '../../shared/protocol/index';
import type { PlatformContext } from '../context';
import { ApiError } from '../http/api-error';

export interface OwnedUpload {
  readonly file: string;
  readonly size: number;
  /** Drops the tus record once its file has become a video. */
  readonly forget: () => Promise<void>;
}

/** The upload, if it exists, belongs to `ownerId` and is complete; otherwise the matching refusal. */
export async function readOwnedUpload(ctx: PlatformContext, uploadId: string, ownerId: UserId): Promise<OwnedUpload> {
  let upload;
  try {
    upload = await ctx.uploadStore.getUpload(uploadId);
  } catch {
    throw new ApiError('not_found', 'No such upload (it may have expired); upload the file again');
  }
  // Someone else's upload answers like a missing one: ids are not a way to probe other accounts.
  if (upload.metadata?.ownerId !== ownerId) throw new ApiError('not_found', 'No such upload (it may have expired); upload the file again');
  if (upload.size === undefined || upload.offset < upload.size) {
    throw new ApiError('upload_incomplete', `The upload is truncated: ${upload.offset} of ${upload.size ?? 'unknown'} bytes arrived; resume it before posting`);
  }
  return {
    file: path.join(ctx.dirs.uploads, uploadId),
    size: upload.size,
    forget: () => ctx.uploadStore.configstore.delete(uploadId),
  };
}
