import { PlatformError, PlatformUnreachableError } from './platform-http';
import { TusUploadError } from './tus-upload';

/**
 * What to do after a failed step:
 * - `offline`: no answer; wait with backoff (the platform may be restarting or the network down)
 * - `retry`: the platform answered 5xx/429/423; wait with backoff
 * - `sign-in`: 401; keep the job until the user signs in again
 * - `restart-upload`: the stored upload is gone (expired, other platform); upload from byte 0
 * - `resume-upload`: the platform has less than the client thought; ask it (HEAD) and send the rest
 * - `fatal`: refused for good (not a video, bad anchors); the message says why
 */
export type FailureKind = 'offline' | 'retry' | 'sign-in' | 'restart-upload' | 'resume-upload' | 'fatal';

export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
}

function messageFromBody(body: string, fallback: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // not our error shape (tus protocol errors are plain text): show its first line
    const line = body.split('\n')[0]?.trim();
    if (line) return `${fallback}: ${line.slice(0, 200)}`;
  }
  return fallback;
}

const byStatus = (status: number): FailureKind | null => {
  if (status === 401) return 'sign-in';
  if (status === 423 || status === 429 || status >= 500) return 'retry';
  return null;
};

export function classifyFailure(error: unknown): Failure {
  if (error instanceof TusUploadError) {
    if (error.status === null) return { kind: 'offline', message: `The platform is unreachable (${error.message.split('\n')[0]})` };
    const message = messageFromBody(error.body, `The upload was refused (${error.status} on ${error.phase})`);
    const kind = byStatus(error.status);
    if (kind) return { kind, message };
    if ((error.status === 404 || error.status === 410) && error.phase !== 'create') return { kind: 'restart-upload', message: 'The platform no longer has the partial upload; starting it again' };
    // Offset conflict: the platform holds a different amount than this attempt assumed; ask it again.
    if (error.status === 409 && error.phase === 'patch') return { kind: 'resume-upload', message };
    return { kind: 'fatal', message };
  }
  if (error instanceof PlatformUnreachableError) return { kind: 'offline', message: error.message };
  if (error instanceof PlatformError) {
    const kind = byStatus(error.status);
    if (kind) return { kind, message: error.message };
    if (error.code === 'upload_incomplete') return { kind: 'resume-upload', message: error.message };
    if (error.code === 'not_found') return { kind: 'restart-upload', message: error.message };
    return { kind: 'fatal', message: error.message };
  }
  return { kind: 'fatal', message: error instanceof Error ? error.message : String(error) };
}
