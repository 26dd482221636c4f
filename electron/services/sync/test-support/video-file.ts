import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { locateFfmpegSync as locateFfmpeg } from '../../ffmpeg/locate';

/**
 * A real MP4 of at least `bytes` bytes: a short H.264 clip (moov first, +faststart) followed by one
 * ISO-BMFF `free` box of random bytes. Players and ffprobe skip `free` boxes, so the file stays a
 * valid video while being large enough to interrupt mid-upload, without encoding minutes of video.
 */
export function writeLargeVideo(dir: string, bytes: number): string {
  const tools = locateFfmpeg();
  if (!tools) throw new Error('these tests need ffmpeg (npm ci installs @ffmpeg-installer/ffmpeg)');
  const clip = path.join(dir, 'clip.mp4');
  execFileSync(tools.ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=30',
    '-t',
    '2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    clip,
  ]);
  const video = readFileSync(clip);
  const padding = Math.max(8, bytes - video.length);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(padding, 0);
  header.write('free', 4, 'latin1');
  const file = path.join(dir, 'large.mp4');
  writeFileSync(file, Buffer.concat([video, header, randomBytes(padding - 8)]));
  return file;
}
