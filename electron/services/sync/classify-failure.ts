import { failureNote, type FailureNote } from '@shared/ipc/failure-text';
import type { StudioFailure } from '@shared/ipc/result';
import { asFailure } from './platform-failure';
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
  /** What the post's page says (English, keyed where the studio can translate it). */
  readonly note: FailureNote;
}

/** The refusal a tus response body carries: the platform's error (keyed when the studio knows its code), or a plain-text body's first line. */
function noteFromBody(body: string, status: number, phase: string): FailureNote {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.message === 'string') return noteOfPlatform(new PlatformError(status, typeof parsed.error.code === 'string' ? parsed.error.code : 'internal', parsed.error.message));
  } catch {
    // not our error shape (tus protocol errors are plain text): show its first line
    const line = body.split('\n')[0]?.trim();
    if (line) return failureNote({ key: 'sync.refusedSaying', params: { status, phase, line: line.slice(0, 200) } });
  }
  return failureNote({ key: 'sync.refused', params: { status, phase } });
}

/** A platform refusal or silence as a note: keyed for the codes the studio translates, the platform's own English otherwise. */
function noteOfPlatform(error: PlatformError | PlatformUnreachableError): FailureNote {
  const failure = asFailure(error) as StudioFailure;
  return failure.key === undefined ? { message: failure.message } : { message: failure.message, key: failure.key, ...(failure.params ? { params: failure.params } : {}) };
}

const byStatus = (status: number): FailureKind | null => {
  if (status === 401) return 'sign-in';
  if (status === 423 || status === 429 || status >= 500) return 'retry';
  return null;
};

export function classifyFailure(error: unknown): Failure {
  if (error instanceof TusUploadError) {
    if (error.status === null) return { kind: 'offline', note: failureNote({ key: 'sync.unreachable', params: { reason: error.message.split('\n')[0] ?? '' } }) };
    const note = noteFromBody(error.body, error.status, error.phase);
    const kind = byStatus(error.status);
    if (kind) return { kind, note };
    if ((error.status === 404 || error.status === 410) && error.phase !== 'create') return { kind: 'restart-upload', note: failureNote({ key: 'sync.uploadRestarted' }) };
    // Offset conflict: the platform holds a different amount than this attempt assumed; ask it again.
    if (error.status === 409 && error.phase === 'patch') return { kind: 'resume-upload', note };
    return { kind: 'fatal', note };
  }
  if (error instanceof PlatformUnreachableError) return { kind: 'offline', note: noteOfPlatform(error) };
  if (error instanceof PlatformError) {
    const note = noteOfPlatform(error);
    const kind = byStatus(error.status);
    if (kind) return { kind, note };
    if (error.code === 'upload_incomplete') return { kind: 'resume-upload', note };
    if (error.code === 'not_found') return { kind: 'restart-upload', note };
    return { kind: 'fatal', note };
  }
  return { kind: 'fatal', note: { message: error instanceof Error ? error.message : String(error) } };
}
