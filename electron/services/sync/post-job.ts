import type { PostJobId } from '@shared/domain/ids';
import type { FailureNote } from '@shared/ipc/failure-text';
import type { PostJobState, PostRequest } from '@shared/ipc/nouns/sync';

export { FINISHED_STATES, POST_JOB_STATES, PostRequest, type PostJobState } from '@shared/ipc/nouns/sync';
export type { PostJobId };

/** What a 'deliver-order' job sends: the uploaded video as the delivery of this custom-video order (issue 13). */
export interface DeliverRequest {
  readonly orderId: string;
}

export type OutboxKind = OutboxJob['kind'];

/** A post: upload, then create the video. */
export interface PostJob extends OutboxJobBase {
  readonly kind: 'post';
  readonly request: PostRequest;
}

/** A custom-video order's delivery: the same upload, then POST /orders/:id/deliver with the job's key. */
export interface DeliverJob extends OutboxJobBase {
  readonly kind: 'deliver-order';
  readonly request: DeliverRequest;
}

/** One row of the outbox; the kinds share the upload, retries and restart handling. */
export type OutboxJob = PostJob | DeliverJob;

interface OutboxJobBase {
  readonly id: PostJobId;
  readonly state: PostJobState;
  readonly platformUrl: string;
  readonly idempotencyKey: string;
  readonly filePath: string;
  readonly fileSize: number;
  readonly draftId: string | null;
  readonly uploadUrl: string | null;
  /** Bytes the platform has confirmed; survives restarts. */
  readonly uploadedBytes: number;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  /** Why the job waits or failed, kept to be shown (English, keyed where the studio translates it). */
  readonly lastError: FailureNote | null;
  readonly videoId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}
