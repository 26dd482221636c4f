/** Why a take stopped on its own: the disk refused a write. Carries a message meant for the user. */
export class RecordingWriteError extends Error {
  override readonly name = 'RecordingWriteError';
  constructor(
    readonly reason: 'disk-full' | 'unwritable' | 'io',
    message: string,
    readonly bytesKept: number,
  ) {
    super(message);
  }
}

/** Turns a Node fs error into the sentence the shooting page shows. */
export function describeWriteError(error: unknown, folder: string, bytesKept: number): RecordingWriteError {
  if (error instanceof RecordingWriteError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const kept = bytesKept > 0 ? ' What was recorded until then is kept.' : '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new RecordingWriteError('disk-full', `Recording stopped: the disk is full (${code}).${kept}`, bytesKept);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOTDIR':
    case 'ENOENT':
    case 'EISDIR':
      return new RecordingWriteError('unwritable', `Recording stopped: the drafts folder ${folder} cannot be written (${code}).${kept}`, bytesKept);
    default:
      return new RecordingWriteError('io', `Recording stopped: writing to ${folder} failed (${error instanceof Error ? error.message : String(error)}).${kept}`, bytesKept);
  }
}
