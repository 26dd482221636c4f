import { z } from 'zod';

/**
 * The studio's branded ids, all in this one file: a DraftId cannot be passed where an ImportId is
 * expected. (Catalog ids live with the catalog schema and platform ids with the platform protocol,
 * shared/protocol/ids.ts: both are the platform's wire format too.)
 */
export const DraftId = z
  .string()
  .regex(/^drf_[0-9a-z]{10,40}$/, 'not a draft id')
  .brand<'DraftId'>();
export type DraftId = z.output<typeof DraftId>;

export const ImportId = z
  .string()
  .regex(/^imp_[0-9a-z]{10,40}$/, 'not an import id')
  .brand<'ImportId'>();
export type ImportId = z.output<typeof ImportId>;

export const NoticeId = z.string().min(1).max(80).brand<'NoticeId'>();
export type NoticeId = z.output<typeof NoticeId>;

export const TakeId = z
  .string()
  .regex(/^tak_[0-9a-z]{10,40}$/, 'not a take id')
  .brand<'TakeId'>();
export type TakeId = z.output<typeof TakeId>;

export const ExportJobId = z
  .string()
  .regex(/^exp_[0-9a-z]{10,40}$/, 'not an export job id')
  .brand<'ExportJobId'>();
export type ExportJobId = z.output<typeof ExportJobId>;

/** A job of the sync outbox (one post). Hex: the outbox makes them from random bytes. */
export const PostJobId = z
  .string()
  .regex(/^job_[0-9a-f]{10,40}$/, 'not a post job id')
  .brand<'PostJobId'>();
export type PostJobId = z.output<typeof PostJobId>;
