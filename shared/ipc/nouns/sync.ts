import { z } from 'zod';
import { Draft } from '../../domain/drafts';
import { DraftId, PostJobId } from '../../domain/ids';
import { AnchorSuggestions, ANCHOR_SUGGESTIONS_MAX, atMostOneTarget, VideoPostFields } from '../../protocol/index';
import { eventFor, method, noun } from '../define';
import { FailureNoteWire } from '../failure-text';

/**
 * queued → uploading → creating → done; any step → waiting (offline or 5xx, retried with backoff),
 * needs_sign_in (401: kept until the user signs in again), failed (refused for good), cancelled.
 * The outbox's SQL CHECK is generated from this list (db/migrations/0040-outbox.ts).
 */
export const POST_JOB_STATES = ['queued', 'uploading', 'creating', 'waiting', 'needs_sign_in', 'done', 'failed', 'cancelled'] as const;
export const PostJobState = z.enum(POST_JOB_STATES);
export type PostJobState = z.output<typeof PostJobState>;

export const FINISHED_STATES: ReadonlySet<PostJobState> = new Set(['done', 'failed', 'cancelled']);

/** What the outbox keeps of a post: the platform's create request less what the job owns (upload, key). */
export const PostRequest = VideoPostFields.refine(...atMostOneTarget);
export type PostRequest = z.input<typeof PostRequest>;

export const PostJobView = z.object({
  id: PostJobId,
  state: PostJobState,
  draftId: z.string().nullable(),
  title: z.string(),
  /** The target anchor's item and shade: what the result page offers to try again. */
  target: z.object({ itemId: z.string(), attributeId: z.string().nullable(), label: z.string(), x: z.number(), y: z.number() }).nullable(),
  anchorCount: z.number().int().nonnegative(),
  sentBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  videoId: z.string().nullable(),
  /** Why it waits or failed: English, keyed where the renderer can say it in the user's language. */
  lastError: FailureNoteWire.nullable(),
  nextAttemptAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type PostJobView = z.output<typeof PostJobView>;

/** A face box sample from the recording's journal (normalised). */
export const FaceSampleView = z.object({ t: z.number(), x: z.number(), y: z.number(), w: z.number(), h: z.number() });

/** Everything the posting page needs about one draft's export. */
export const PostingKit = z.object({
  draft: Draft,
  /** The exported MP4 (relative media URL) that will be uploaded. */
  mediaUrl: z.string(),
  covers: z.array(z.object({ url: z.string(), timeMs: z.number().int().nonnegative() })),
  durationMs: z.number().int().nonnegative(),
  /** The item worn longest in the take (journal), else the draft's own item. */
  itemId: z.string().nullable(),
  attributeId: z.string().nullable(),
  faces: z.array(FaceSampleView),
});
export type PostingKit = z.output<typeof PostingKit>;

export const STICKER_KINDS = ['text', 'shape'] as const;
export const MAX_STICKERS = 8;
/** A sticker's picture as the page drew it (a PNG data URL); ~256 KiB of PNG at most. */
export const MAX_STICKER_DATA_URL = 350_000;

/** A sticker placed on the posting page: its picture (drawn by the page, shown in the preview as it is) burned into the posted MP4. */
export const StickerInput = z.object({
  kind: z.enum(STICKER_KINDS),
  /** What it says (text) or which shape: for the list and screen readers. */
  name: z.string().trim().min(1).max(40),
  /** Its centre, a fraction of the frame. */
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  /** Its width, a fraction of the frame's width. */
  width: z.number().min(0.03).max(1),
  png: z
    .string()
    .max(MAX_STICKER_DATA_URL, 'A sticker picture is too large')
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, 'A sticker picture is a PNG data URL'),
});
export type StickerInput = z.input<typeof StickerInput>;

/** An anchor chip as the posting page drew it, for "Save to disk": its picture, top-left corner and width (fractions of the frame), and when it shows. */
export const ChipPicture = z
  .object({
    png: StickerInput.shape.png,
    x: z.number().min(-0.5).max(1),
    y: z.number().min(-0.5).max(1),
    width: z.number().min(0.01).max(1),
    startMs: z.number().int().nonnegative(),
    endMs: z.number().int().positive(),
  })
  .refine((c) => c.endMs > c.startMs, { message: 'A chip ends after it starts', path: ['endMs'] });

export const SaveAnchoredInput = z.object({
  draftId: DraftId,
  chips: z.array(ChipPicture).max(21),
  stickers: z.array(StickerInput).max(MAX_STICKERS).optional(),
});

/** Where the saved MP4 is: in the draft (a media URL the browser host downloads) and, in the desktop app, the copy in the folder picked. */
export const SavedAnchored = z.object({
  mediaUrl: z.string(),
  fileName: z.string(),
  /** The copy written to the folder the user picked (desktop app); null in the browser host or when the dialog was cancelled. */
  savedTo: z.string().nullable(),
  /** The folder dialog was cancelled: nothing to download either. */
  cancelled: z.boolean(),
});

/** The posting page's form: the post's fields, which draft, and a cover chosen by index or time. */
export const PostInput = VideoPostFields.extend({
  draftId: DraftId,
  /** The form sends an empty topic as ''; the handler drops it. */
  topic: z.string().trim().max(40).optional(),
  coverIndex: z.number().int().nonnegative().optional(),
  /** Burned into the uploaded MP4 (a copy: the draft's own export is left as it is). */
  stickers: z.array(StickerInput).max(MAX_STICKERS, `At most ${MAX_STICKERS} stickers`).optional(),
}).refine(...atMostOneTarget);

export const sync = noun({
  methods: {
    /** The posting page's material: covers, duration, item and the face journal. */
    prepare: method(z.object({ draftId: DraftId }), PostingKit),
    post: method(PostInput, z.object({ jobId: PostJobId })),
    jobs: method(z.undefined(), z.array(PostJobView)),
    cancel: method(z.object({ jobId: PostJobId }), PostJobView),
    /** Retries waiting and sign-in-blocked jobs now. */
    retry: method(z.undefined(), z.null()),
    /** Associated anchors the platform suggests beside an item: same body area and kind, then its most-triggered anchors' items. */
    suggestions: method(z.object({ itemId: z.string().min(1).max(100), limit: z.number().int().min(1).max(ANCHOR_SUGGESTIONS_MAX).optional() }), AnchorSuggestions),
    /** "Save to disk": the video with its anchor chips (and stickers) drawn in at their places and times. */
    saveAnchored: method(SaveAnchoredInput, SavedAnchored),
    /** Posts a failed or cancelled post again as a new job: the same file and fields, a new idempotency key. */
    repost: method(z.object({ jobId: PostJobId }), z.object({ jobId: PostJobId })),
  },
  events: {
    /** A post job changed state or made progress (about ten times a second while uploading). Subscribe with `{ jobId }` for one. */
    job: eventFor(PostJobView, z.object({ jobId: PostJobId }), (arg, job) => job.id === arg.jobId),
  },
});
