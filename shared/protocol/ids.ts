import { z } from 'zod';

/**
 * Branded platform ids. The prefixes make a mixed-up id fail validation at the edge instead of
 * quietly finding nothing deep inside a query.
 */
export const UserId = z
  .string()
  .regex(/^usr_[0-9a-z]{10,40}$/, 'not a user id')
  .brand<'UserId'>();
export type UserId = z.output<typeof UserId>;

export const VideoId = z
  .string()
  .regex(/^vid_[0-9a-z]{10,40}$/, 'not a video id')
  .brand<'VideoId'>();
export type VideoId = z.output<typeof VideoId>;

export const AnchorId = z
  .string()
  .regex(/^anc_[0-9a-z]{10,40}$/, 'not an anchor id')
  .brand<'AnchorId'>();
export type AnchorId = z.output<typeof AnchorId>;

/** The id of a tus upload: the last path segment of its upload URL. */
export const UploadId = z
  .string()
  .regex(/^upl_[0-9a-z]{10,40}$/, 'not an upload id')
  .brand<'UploadId'>();
export type UploadId = z.output<typeof UploadId>;

/** Catalog ids are the studio catalog's slugs (`velvet-rouge-lipstick`). */
export { CatalogItemId as ItemId, AttributeId } from '../catalog/schema';
