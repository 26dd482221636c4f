import { FileStore } from '@tus/file-store';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { UserId } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';

export interface OwnedUpload {
  readonly file: string;
  readonly size: number;
  /** Drops the tus record once its file has become a video. */
  readonly forget: () => Promise<void>;
}

/** What other features may ask of uploads: a finished upload of the caller's, as a file. */
export interface OwnedUploads {
  readOwned(uploadId: string, ownerId: UserId): Promise<OwnedUpload>;
  /** Where an upload's bytes lie while they are still an upload (a posted one's have moved on). */
  fileOf(uploadId: string): string;
  /** Drops the tus record; one already gone is fine. */
  forget(uploadId: string): Promise<void>;
  hasRecord(uploadId: string): Promise<boolean>;
  /** Every upload that still has a tus record, file or not (a post may have moved its file). */
  recordIds(): Promise<string[]>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How much one account may have open at once (started or finished, not yet posted or swept). */
export interface UploadLimits {
  readonly maxOpenPerAccount: number;
  /** Sum of the declared lengths of the account's open uploads. */
  readonly maxBytesPerAccount: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxOpenPerAccount: 10, maxBytesPerAccount: 16 * 1024 * 1024 * 1024 };

/** Owns the tus file store under `<dataDir>/uploads`. */
export class UploadsService implements OwnedUploads {
  readonly store: FileStore;

  constructor(
    readonly directory: string,
    readonly expiryMs: number = 7 * DAY_MS,
  ) {
    this.store = new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs });
  }

  /** The upload, if it exists, belongs to `ownerId` and is complete; otherwise the matching refusal. */
  async readOwned(uploadId: string, ownerId: UserId): Promise<OwnedUpload> {
    let upload;
    try {
      upload = await this.store.getUpload(uploadId);
    } catch {
      throw new ApiError('not_found', 'No such upload (it may have expired); upload the file again');
    }
    // Someone else's upload answers like a missing one: ids are not a way to probe other accounts.
    if (upload.metadata?.ownerId !== ownerId) throw new ApiError('not_found', 'No such upload (it may have expired); upload the file again');
    if (upload.size === undefined || upload.offset < upload.size) {
      throw new ApiError('upload_incomplete', `The upload is truncated: ${upload.offset} of ${upload.size ?? 'unknown'} bytes arrived; resume it before posting`);
    }
    return { file: this.fileOf(uploadId), size: upload.size, forget: () => this.forget(uploadId) };
  }

  fileOf(uploadId: string): string {
    return path.join(this.directory, uploadId);
  }

  async forget(uploadId: string): Promise<void> {
    await rm(path.join(this.directory, `${uploadId}.json`), { force: true });
  }

  async hasRecord(uploadId: string): Promise<boolean> {
    return (await this.store.configstore.get(uploadId)) !== undefined;
  }

  /**
   * What `ownerId` has open: one read of each record (the directory is the truth, shared between
   * nodes). A deferred-length upload counts as `unknownSize` bytes, the most it may become.
   */
  async openBy(ownerId: string, unknownSize: number): Promise<{ readonly count: number; readonly bytes: number }> {
    let count = 0;
    let bytes = 0;
    for (const id of await this.recordIds()) {
      const info = await this.store.configstore.get(id);
      if (info?.metadata?.ownerId !== ownerId) continue;
      // A record whose file has moved belongs to a post being finished: no longer open.
      if (
        !(await this.store.getUpload(id).then(
          () => true,
          () => false,
        ))
      )
        continue;
      count++;
      bytes += info.size ?? unknownSize;
    }
    return { count, bytes };
  }

  async recordIds(): Promise<string[]> {
    return (await readdir(this.directory)).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
  }

  /**
   * Housekeeping: uploads started more than `expiryMs` before `now` and never posted (finished or
   * not; a posted one has no record left). Ages come from the platform's clock, stamped into the
   * upload's metadata at creation (`createdAt`), falling back to tus's own creation date. Returns
   * how many went.
   */
  async deleteExpired(now: number): Promise<number> {
    let removed = 0;
    for (const id of await this.store.configstore.list!()) {
      const info = await this.store.configstore.get(id);
      if (!info) continue;
      const stamped = Number(info.metadata?.createdAt);
      const createdAt = Number.isFinite(stamped) && info.metadata?.createdAt ? stamped : info.creation_date ? Date.parse(info.creation_date) : NaN;
      if (!Number.isFinite(createdAt) || now - createdAt <= this.expiryMs) continue;
      try {
        await this.store.remove(id);
        removed++;
      } catch {
        // Removed meanwhile (posted, or by another node): nothing left to do.
      }
    }
    return removed;
  }
}
