import { z } from 'zod';
import { AnchorInput, Visibility } from '../../../shared/protocol/index';

export type PostJobId = string & { readonly __brand: 'PostJobId' };

export const POST_JOB_STATES = ['queued', 'uploading', 'creating', 'waiting', 'needs_sign_in', 'done', 'failed', 'cancelled'] as const;
/**
 * queued → uploading → creating → done; any step → waiting (offline or 5xx, retried with backoff),
 * needs_sign_in (401: kept until the user signs in again), failed (refused for good), cancelled.
 */
export type PostJobState = (typeof POST_JOB_STATES)[number];

export const FINISHED_STATES: ReadonlySet<PostJobState> = new Set(['done', 'failed', 'cancelled']);

/** What the posting page sends: everything of POST /videos except what the job owns (upload, key). */
export const PostRequest = z.object({
  title: z.string().trim().min(1).max(120),
  topic: z.string().trim().min(1).max(40).optional(),
  visibility: Visibility,
  coverTimeMs: z.number().int().nonnegative().optional(),
  anchors: z.array(AnchorInput).max(20),
});
export type PostRequest = z.input<typeof PostRequest>;

export interface PostJob {
  readonly id: PostJobId;
  readonly state: PostJobState;
  readonly platformUrl: string;
  readonly idempotencyKey: string;
  readonly filePath: string;
  readonly fileSize: number;
  readonly request: PostRequest;
  readonly draftId: string | null;
  readonly uploadUrl: string | null;
  /** Bytes the platform has confirmed; survives restarts. */
  readonly uploadedBytes: number;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly lastError: string | null;
  readonly videoId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}
