import { englishFailure, type FailureText } from '@shared/ipc/failure-text';

/**
 * Why a media job failed, as a value the drafts flow can store in `status_detail` and the UI can
 * branch on. `message` is written for the user; for `ffmpeg-failed` it carries ffmpeg's own words.
 */
export type MediaErrorCode = 'ffmpeg-missing' | 'corrupt-input' | 'ffmpeg-failed' | 'timeout' | 'cancelled' | 'io';

export class MediaError extends Error {
  override readonly name = 'MediaError';
  /** The sentence as a key of the failure catalog, when it is one (ffmpeg's own words are not). */
  readonly text: FailureText | undefined;
  constructor(
    readonly code: MediaErrorCode,
    message: string | FailureText,
  ) {
    super(typeof message === 'string' ? message : englishFailure(message));
    this.text = typeof message === 'string' ? undefined : message;
  }

  /** What to show: the keyed sentence, or the plain one. */
  get sayable(): FailureText | string {
    return this.text ?? this.message;
  }
}

export const isCancelled = (error: unknown): boolean => error instanceof MediaError && error.code === 'cancelled';

/**
 * ffmpeg's own message from its stderr: the last lines that are not progress stats or banner noise.
 * Two lines rather than one because ffmpeg often says what failed, then "Conversion failed!".
 */
export function ffmpegMessage(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^(frame=|size=|video:|\s*Stream #|Press \[q\]|Input #|Output #|Duration:|Metadata:|Stream mapping:)/.test(l));
  const meaningful = lines.filter((l) => l !== 'Conversion failed!' && !/^(Exiting normally|Last message repeated)/.test(l));
  const picked = meaningful.slice(-2).join(' — ');
  return picked.length > 0 ? picked.slice(0, 400) : 'ffmpeg stopped without saying why';
}
