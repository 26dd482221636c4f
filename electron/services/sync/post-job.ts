import type { PostJobId } from '@shared/domain/ids';
import type { PostJobState, PostRequest } from '@shared/ipc/nouns/sync';

export { FINISHED_STATES, POST_JOB_STATES, PostRequest, type PostJobState } from '@shared/ipc/nouns/sync';
export type { PostJobId };

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
