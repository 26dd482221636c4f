import { z } from 'zod';
import { AnchorId, AttributeId, ItemId, UploadId, UserId, VideoId } from './ids';
import { Handle } from './auth';

export const Visibility = z.enum(['public', 'followers', 'private']);
export type Visibility = z.output<typeof Visibility>;

export const AnchorPlacement = z.enum(['near-item', 'background', 'manual']);
/** The target anchor is the item the video is about; associated anchors are extras the creator offers. */
export const AnchorRole = z.enum(['target', 'associated']);

const fraction = (what: string) => z.number().min(0, `${what} is a fraction of the frame (0..1)`).max(1, `${what} is a fraction of the frame (0..1)`);

/** A post is a video or a still image (a try-on photo): the platform decides from the upload's bytes. */
export const MediaKind = z.enum(['video', 'image']);
export type MediaKind = z.output<typeof MediaKind>;

/**
 * What an image post may be: JPEG, PNG or WebP (decided from the bytes, not the name), at most
 * `maxBytes`, each side between `minSide` and `maxSide` pixels. GIF, BMP, AVIF: convert first.
 */
export const IMAGE_POST_LIMITS = { mimeTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 20 * 1024 * 1024, minSide: 16, maxSide: 8192 } as const;

/** An anchor may link this many items besides its own ("this look": lipstick + glasses). */
export const MAX_EXTRA_ITEMS = 4;

/**
 * An anchor as the studio sends it; the platform gives it its id.
 *
 * Time range: shown from `startMs` (inclusive) to `endMs` (exclusive) of the video's media time.
 * `startMs: 0, endMs: 0` means "the whole post": on a video the platform stores it as 0 → the video's
 * duration; on an image post every anchor is stored as 0/0 (an image has no timeline, whatever
 * range was sent). On a video, `startMs` must be before the end and `endMs` at most the duration
 * (a frame's slack is clamped).
 */
export const AnchorInput = z
  .object({
    kind: z.literal('tryon'),
    role: AnchorRole.default('associated'),
    itemId: ItemId,
    attributeId: AttributeId.optional(),
    /** More catalog items this anchor stands for: tapping it opens the try-on with all of them (distinct, not `itemId`). */
    extraItemIds: z.array(ItemId).max(MAX_EXTRA_ITEMS, `An anchor links at most ${MAX_EXTRA_ITEMS} more items`).optional(),
    label: z.string().trim().min(1, 'An anchor needs a label').max(60),
    x: fraction('x'),
    y: fraction('y'),
    startMs: z.number().int().nonnegative(),
    endMs: z.number().int().nonnegative(),
    placement: AnchorPlacement,
  })
  .refine((a) => a.endMs > a.startMs || (a.startMs === 0 && a.endMs === 0), { message: 'An anchor ends after it starts (startMs 0 and endMs 0 mean the whole post)', path: ['endMs'] })
  .refine((a) => new Set(a.extraItemIds ?? []).size === (a.extraItemIds ?? []).length, { message: 'An anchor links each item once', path: ['extraItemIds'] })
  .refine((a) => !(a.extraItemIds ?? []).includes(a.itemId), { message: "An anchor's extra items do not repeat its own item", path: ['extraItemIds'] });
export type AnchorInput = z.input<typeof AnchorInput>;

export const Anchor = z.object({
  id: AnchorId,
  videoId: VideoId,
  kind: z.literal('tryon'),
  role: AnchorRole,
  itemId: ItemId,
  attributeId: AttributeId.nullable(),
  label: z.string(),
  x: z.number(),
  y: z.number(),
  startMs: z.number().int(),
  /** 0 on an image post, where `startMs` is 0 too: the anchor shows the whole time. */
  endMs: z.number().int(),
  placement: AnchorPlacement,
  /** The other items the anchor links, in the creator's order (empty for a one-item anchor). */
  extraItemIds: z.array(ItemId),
  triggerCount: z.number().int().nonnegative(),
});
export type Anchor = z.output<typeof Anchor>;

export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'An idempotency key is 8 to 100 letters, digits, _ or -');

/** What a post says about its video: shared by the platform's create request and the studio's outbox. */
export const VideoPostFields = z.object({
  title: z.string().trim().min(1, 'A title cannot be empty').max(120),
  topic: z.string().trim().min(1).max(40).optional(),
  visibility: Visibility,
  coverTimeMs: z.number().int().nonnegative().optional(),
  /** Where it was made: free text or a place name, shown under the title. */
  location: z.string().trim().min(1, 'A location cannot be empty').max(80, 'A location is at most 80 characters').optional(),
  anchors: z.array(AnchorInput).max(20),
});

/** The refinement every post schema applies: `.refine(...atMostOneTarget)`. */
export const atMostOneTarget: [(v: { readonly anchors: readonly { readonly role: string }[] }) => boolean, { message: string; path: string[] }] = [
  (v) => v.anchors.filter((a) => a.role === 'target').length <= 1,
  { message: 'A video has at most one target anchor', path: ['anchors'] },
];

export const CreateVideoRequest = VideoPostFields.extend({ uploadId: UploadId, idempotencyKey: IdempotencyKey }).refine(...atMostOneTarget);
export type CreateVideoRequest = z.input<typeof CreateVideoRequest>;

export const Creator = z.object({ id: UserId, handle: z.string(), displayName: z.string() });

export const Video = z.object({
  id: VideoId,
  creator: Creator,
  title: z.string(),
  topic: z.string().nullable(),
  visibility: Visibility,
  /** `image`: mediaUrl is the picture itself (JPEG, PNG or WebP), durationMs and coverTimeMs are 0, anchors are 0/0. */
  mediaKind: MediaKind,
  location: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  mimeType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  coverTimeMs: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  /** Paths relative to the platform's origin; an image post's cover is a JPEG thumbnail of the image. */
  mediaUrl: z.string(),
  coverUrl: z.string(),
  anchors: z.array(Anchor),
});
export type Video = z.output<typeof Video>;

export const VIDEO_PAGE_MAX = 50;

export const ListVideosQuery = z.object({
  limit: z.coerce.number().int().min(1).max(VIDEO_PAGE_MAX).default(20),
  cursor: z.string().max(200).optional(),
  /** One creator's public videos (a profile's grid), whoever asks; unknown handle → 404. */
  creator: Handle.optional(),
});
export type ListVideosQuery = z.input<typeof ListVideosQuery>;

export const VideoPage = z.object({ videos: z.array(Video), nextCursor: z.string().nullable() });
export type VideoPage = z.output<typeof VideoPage>;

export const VideoParams = z.object({ id: VideoId });
