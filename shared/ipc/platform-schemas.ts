import { z } from 'zod';
import { method } from './define';
import { Draft } from '../domain/drafts';
import { DraftId } from '../domain/ids';
import { AnchorId, AnchorInput, HotAnchors, LoginRequest, PlatformEvent, RegisterRequest, TriggerResponse, User, Video, VideoId, VideoPage, Visibility } from '../protocol/index';

/**
 * The platform nouns of the contract (account, sync, discover, anchors) and their events, kept
 * beside contract.ts so that file stays a readable table. The token never appears here: the main
 * side holds it, the renderer only learns who is signed in.
 */

export const AccountView = z.object({
  signedIn: z.boolean(),
  user: User.pick({ handle: true, displayName: true }).nullable(),
  /** Why the studio is signed out (e.g. the platform refused the session); null when the user chose it. */
  reason: z.string().nullable(),
  platformUrl: z.string().nullable(),
});
export type AccountView = z.output<typeof AccountView>;

export const PostJobId = z.string().regex(/^job_[0-9a-f]{10,40}$/, 'not a post job id').brand<'PostJobId'>();
export type PostJobId = z.output<typeof PostJobId>;

export const PostJobView = z.object({
  id: PostJobId,
  state: z.enum(['queued', 'uploading', 'creating', 'waiting', 'needs_sign_in', 'done', 'failed', 'cancelled']),
  draftId: z.string().nullable(),
  title: z.string(),
  /** The target anchor's item and shade: what the result page offers to try again. */
  target: z.object({ itemId: z.string(), attributeId: z.string().nullable(), label: z.string() }).nullable(),
  anchorCount: z.number().int().nonnegative(),
  sentBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  videoId: z.string().nullable(),
  lastError: z.string().nullable(),
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

export const PostInput = z
  .object({
    draftId: DraftId,
    title: z.string().trim().min(1, 'A title cannot be empty').max(120),
    topic: z.string().trim().max(40).optional(),
    visibility: Visibility,
    coverIndex: z.number().int().nonnegative().optional(),
    coverTimeMs: z.number().int().nonnegative().optional(),
    anchors: z.array(AnchorInput).max(20),
  })
  .refine((p) => p.anchors.filter((a) => a.role === 'target').length <= 1, { message: 'A video has at most one target anchor', path: ['anchors'] });

export const platformContract = {
  account: {
    status: method(z.undefined(), AccountView),
    register: method(RegisterRequest, AccountView),
    login: method(LoginRequest, AccountView),
    logout: method(z.undefined(), AccountView),
  },
  sync: {
    /** The posting page's material: covers, duration, item and the face journal. */
    prepare: method(z.object({ draftId: DraftId }), PostingKit),
    post: method(PostInput, z.object({ jobId: PostJobId })),
    jobs: method(z.undefined(), z.array(PostJobView)),
    cancel: method(z.object({ jobId: PostJobId }), PostJobView),
    /** Retries waiting and sign-in-blocked jobs now. */
    retry: method(z.undefined(), z.null()),
  },
  /** Public videos only: the renderer loads their media straight from the platform, which has no token. */
  discover: {
    feed: method(z.object({ cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(50).optional() }), VideoPage),
    video: method(z.object({ videoId: VideoId }), Video),
    hotAnchors: method(z.object({ limit: z.number().int().min(1).max(50).optional() }), HotAnchors),
  },
  anchors: {
    trigger: method(z.object({ anchorId: AnchorId }), TriggerResponse),
  },
} as const;

export const platformEvents = {
  /** A post job changed state or made progress (about ten times a second while uploading). */
  'sync.job': PostJobView,
  'account.changed': AccountView,
  /** The platform's public live events (a new video, an anchor tapped), relayed so Discover can refresh. */
  'discover.event': PlatformEvent,
} as const;
