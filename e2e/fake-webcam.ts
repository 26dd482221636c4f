import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FACES } from './tryon-kit';

export const FAKE_WEBCAM_SECONDS = 4;

/**
 * A fake webcam made from a real face photo: 640×480 at 30 fps, the crop window panning and zooming
 * slowly so consecutive frames differ (Chromium loops the file). Y4M is raw, so Chromium decodes nothing.
 * Cached in the temp folder: ffmpeg takes ~2 s, the file is ~55 MB.
 */
export function fakeWebcamFile(face = 'astronaut.png'): string {
  const dir = path.join(os.tmpdir(), 'anchor-studio-fake-webcam');
  const file = path.join(dir, `${path.parse(face).name}-640x480-v2.y4m`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const t = FAKE_WEBCAM_SECONDS;
  // Scale to 800 px, then a 640×480 window that pans ±60 px across and 0–40 px down and zooms 1.0–1.12×.
  const filter = ['scale=800:-2', `scale=w='800*(1.06+0.06*sin(2*PI*t/${t}))':h=-2:eval=frame`, `crop=640:480:x='(in_w-640)/2+60*sin(2*PI*t/${t})':y='20+20*cos(2*PI*t/${t})'`, 'format=yuv420p'].join(
    ',',
  );
  const partial = `${file}.part.y4m`;
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-framerate', '30', '-i', path.join(FACES, face), '-vf', filter, '-t', String(t), '-r', '30', '-pix_fmt', 'yuv420p', partial], {
    stdio: 'inherit',
  });
  renameSync(partial, file);
  return file;
}

/**
 * A fake webcam that shows one face for `seconds`, then another for as long (Chromium loops the
 * file): e.g. a neutral face, then a smiling one, for the expression triggers. Same size, rate and
 * slow pan as `fakeWebcamFile`.
 */
export function fakeWebcamSequence(first: string, then: string, seconds = 3): string {
  const dir = path.join(os.tmpdir(), 'anchor-studio-fake-webcam');
  const file = path.join(dir, `${path.parse(first).name}-then-${path.parse(then).name}-${seconds}s-640x480.y4m`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const t = seconds;
  const pan = (input: number): string => `[${input}:v]scale=800:-2,crop=640:480:x='(in_w-640)/2+30*sin(2*PI*t/${t})':y='20+10*cos(2*PI*t/${t})',setsar=1,format=yuv420p[v${input}]`;
  const partial = `${file}.part.y4m`;
  execFileSync(
    'ffmpeg',
    [
      ...['-loglevel', 'error', '-y'],
      ...['-loop', '1', '-framerate', '30', '-t', String(t), '-i', path.join(FACES, first)],
      ...['-loop', '1', '-framerate', '30', '-t', String(t), '-i', path.join(FACES, then)],
      ...['-filter_complex', `${pan(0)};${pan(1)};[v0][v1]concat=n=2:v=1:a=0[out]`, '-map', '[out]', '-r', '30', '-pix_fmt', 'yuv420p', partial],
    ],
    { stdio: 'inherit' },
  );
  renameSync(partial, file);
  return file;
}

export function fakeWebcamArgs(file: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}
