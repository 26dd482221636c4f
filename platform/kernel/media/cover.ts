import { execFile } from 'node:child_process';

/** Grabs one frame at `atMs` as a JPEG no wider than 720 px. Resolves false on failure (a video without a cover is still a video). */
export function extractCover(ffmpeg: string, input: string, atMs: number, output: string): Promise<boolean> {
  const args = ['-v', 'error', '-y', '-ss', (atMs / 1000).toFixed(3), '-i', input, '-frames:v', '1', '-vf', "scale='min(720,iw)':-2", '-q:v', '4', output];
  return new Promise((resolve) => {
    execFile(ffmpeg, args, { timeout: 60_000, windowsHide: true }, (error) => resolve(!error));
  });
}
