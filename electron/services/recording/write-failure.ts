import { englishFailure, type FailureText } from '@shared/ipc/failure-text';

/** Why a take stopped on its own: the disk refused a write. Carries a sentence meant for the user, as a failure key. */
export class RecordingWriteError extends Error {
  override readonly name = 'RecordingWriteError';
  constructor(
    readonly reason: 'disk-full' | 'unwritable' | 'io',
    readonly text: FailureText,
    readonly bytesKept: number,
  ) {
    super(englishFailure(text));
  }
}

/** Turns a Node fs error into the sentence the shooting page shows. */
export function describeWriteError(error: unknown, folder: string, bytesKept: number): RecordingWriteError {
  if (error instanceof RecordingWriteError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const kept = bytesKept > 0;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new RecordingWriteError('disk-full', { key: kept ? 'recording.diskFullKept' : 'recording.diskFull', params: { code } }, bytesKept);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOTDIR':
    case 'ENOENT':
    case 'EISDIR':
      return new RecordingWriteError('unwritable', { key: kept ? 'recording.unwritableKept' : 'recording.unwritable', params: { folder, code } }, bytesKept);
    default:
      return new RecordingWriteError(
        'io',
        { key: kept ? 'recording.writeFailedKept' : 'recording.writeFailed', params: { folder, reason: error instanceof Error ? error.message : String(error) } },
        bytesKept,
      );
  }
}
