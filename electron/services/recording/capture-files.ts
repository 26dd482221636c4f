import path from 'node:path';

/**
 * The files of one take inside its draft folder. The raw file exists only while a take is open or
 * unrepaired, so "a raw file is present" is what marks a recording as incomplete after a crash.
 */
export interface CaptureFiles {
  /** Chunks exactly as MediaRecorder produced them, appended as they arrive. */
  readonly raw: string;
  /** JSON lines: start, attribute switches, face samples, stop (shared/domain/recording/journal). */
  readonly journal: string;
  /** The playable file with a duration, made by stream copy from `raw`. */
  readonly final: string;
  /** Where a raw file that ffmpeg could not salvage is kept, out of the next scan's way. */
  readonly unrecoverable: string;
}

export const JOURNAL_FILE = 'capture.journal.jsonl';
const RAW_PATTERN = /^capture\.raw\.(webm|mp4)$/;

export type CaptureContainer = 'webm' | 'mp4';

export function captureFiles(dir: string, container: CaptureContainer): CaptureFiles {
  return {
    raw: path.join(dir, `capture.raw.${container}`),
    journal: path.join(dir, JOURNAL_FILE),
    final: path.join(dir, `capture.${container}`),
    unrecoverable: path.join(dir, `capture.unrecoverable.${container}`),
  };
}

/** The raw file's container, from a folder listing; null when the folder holds no open take. */
export function rawContainerIn(fileNames: readonly string[]): CaptureContainer | null {
  for (const name of fileNames) {
    const m = RAW_PATTERN.exec(name);
    if (m) return m[1] as CaptureContainer;
  }
  return null;
}

/**
 * MediaRecorder's mime type → container. Chromium records WebM (VP8/VP9 + Opus) and, in newer
 * versions, fragmented MP4; anything else is refused before a file is opened.
 */
export function containerFor(mimeType: string): CaptureContainer | null {
  const base = mimeType.split(';')[0]?.trim().toLowerCase();
  if (base === 'video/webm' || base === 'audio/webm') return 'webm';
  if (base === 'video/mp4') return 'mp4';
  return null;
}
