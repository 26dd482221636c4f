import { z } from 'zod';

/** Branded ids: a DraftId cannot be passed where an ImportId is expected. */
export const DraftId = z.string().regex(/^drf_[0-9a-z]{10,40}$/, 'not a draft id').brand<'DraftId'>();
export type DraftId = z.output<typeof DraftId>;

export const ImportId = z.string().regex(/^imp_[0-9a-z]{10,40}$/, 'not an import id').brand<'ImportId'>();
export type ImportId = z.output<typeof ImportId>;

export const NoticeId = z.string().min(1).max(80).brand<'NoticeId'>();
export type NoticeId = z.output<typeof NoticeId>;
