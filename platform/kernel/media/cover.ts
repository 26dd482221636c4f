import { runMediaTool, type MediaLimits } from './run';

/**
 * Grabs one frame at `atMs` as a JPEG no wider than 720 px, under `limits`. Two threads keep the
 * address space (the memory cap) independent of the host's core count. Resolves false on failure
 * (a video without a cover is still a video).
 */
export async function extractCover(ffmpeg: string, input: string, atMs: number, output: string, limits: MediaLimits): Promise<boolean> {
  const args = ['-v', 'error', '-nostdin', '-threads', '2', '-y', '-ss', (atMs / 1000).toFixed(3), '-i', input, '-frames:v', '1', '-vf', "scale='min(720,iw)':-2", '-q:v', '4', output];
  return (await runMediaTool(ffmpeg, args, limits)).ok;
}
