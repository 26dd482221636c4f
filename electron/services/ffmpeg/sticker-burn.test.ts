import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTools } from '../media/test-inputs';
import { burnStickers, stickerGraph } from './sticker-burn';

const tools = requireTools();
const W = 320;
const H = 568;
let dir: string;
let video: string;
let redSquare: Buffer;

/** One decoded frame at `atS` as raw RGB, to read pixels from. */
function frameAt(file: string, atS: number): Buffer {
  return execFileSync(tools.ffmpeg, ['-v', 'error', '-ss', String(atS), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 16 * 1024 * 1024 });
}
const pixel = (rgb: Buffer, x: number, y: number): [number, number, number] => {
  const i = (y * W + x) * 3;
  return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
};

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sticker-burn-'));
  video = path.join(dir, 'take.mp4');
  // A plain blue portrait video with sound, as an export would be.
  execFileSync(tools.ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x2040c0:s=${W}x${H}:r=30:d=1`, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=1'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', video],
  ]);
  const png = path.join(dir, 'red.png');
  // A red square with a transparent half: the overlay must keep the video under the clear part.
  execFileSync(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red@1.0:s=64x64,format=rgba,geq=r=255:g=0:b=0:a=if(lt(X\\,32)\\,255\\,0)', '-frames:v', '1', png]);
  redSquare = readFileSync(png);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stickers burned into the MP4', () => {
  it('builds one overlay per sticker, centred on its point, chained to [v]', () => {
    const graph = stickerGraph(
      [
        { x: 0.25, y: 0.5, width: 0.2 },
        { x: 0.75, y: 0.1, width: 0.31 },
      ],
      1080,
      1920,
    );
    expect(graph).toBe(
      '[1:v]scale=216:-2,format=rgba[s0];[0:v][s0]overlay=x=270-overlay_w/2:y=960-overlay_h/2:format=auto[o0];' +
        '[2:v]scale=334:-2,format=rgba[s1];[o0][s1]overlay=x=810-overlay_w/2:y=192-overlay_h/2:format=auto[v]',
    );
  });

  it('decodes a frame of the exported MP4 and finds the sticker’s pixels where it was placed (and the video around it)', async () => {
    const out = path.join(dir, 'stickered.mp4');
    // Centred at (80, 142), 64 px wide: its opaque left half covers x 48..79, the clear half x 80..111.
    await burnStickers(tools, video, [{ png: redSquare, x: 80 / W, y: 142 / H, width: 64 / W }], out);
    const rgb = frameAt(out, 0.5);
    expect(rgb.length).toBe(W * H * 3);
    const [r, g, b] = pixel(rgb, 60, 142);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
    // The transparent half and the rest of the frame stay the video's blue.
    for (const [x, y] of [
      [100, 142],
      [240, 400],
    ] as const) {
      const [r2, , b2] = pixel(rgb, x, y);
      expect(b2).toBeGreaterThan(150);
      expect(r2).toBeLessThan(80);
    }
    const streams = execFileSync(tools.ffprobe!, ['-v', 'error', '-show_entries', 'stream=codec_name,pix_fmt', '-of', 'csv=p=0', out], { encoding: 'utf8' });
    expect(streams).toContain('h264,yuv420p');
    expect(streams).toContain('aac');
  });

  it('puts the stickers on a photo as a PNG still (a photo post stays an image)', async () => {
    const photo = path.join(dir, 'photo.png');
    execFileSync(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x2040c0:s=${W}x${H}`, '-frames:v', '1', photo]);
    const out = path.join(dir, 'photo-stickered.png');
    await burnStickers(tools, photo, [{ png: redSquare, x: 0.5, y: 0.5, width: 64 / W }], out);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
    const rgb = frameAt(out, 0);
    expect(pixel(rgb, W / 2 - 16, H / 2)[0]).toBeGreaterThan(200);
    expect(pixel(rgb, 20, 20)[2]).toBeGreaterThan(150);
  });

  it('draws an anchor chip from its top-left corner only within its time range ("Save to disk")', async () => {
    const out = path.join(dir, 'anchored.mp4');
    // Top-left at (48, 110), 64 px wide: its opaque left half covers x 48..79, y 110..173; shown 0.4-0.8 s of 1 s.
    await burnStickers(tools, video, [{ png: redSquare, x: 48 / W, y: 110 / H, width: 64 / W, origin: 'top-left', fromMs: 400, toMs: 800 }], out);
    expect(pixel(frameAt(out, 0.6), 60, 142)[0]).toBeGreaterThan(200);
    expect(pixel(frameAt(out, 0.2), 60, 142)[0]).toBeLessThan(80);
    expect(pixel(frameAt(out, 0.9), 60, 142)[0]).toBeLessThan(80);
  });

  it('refuses a sticker that is not a PNG before running ffmpeg', async () => {
    await expect(burnStickers(tools, video, [{ png: Buffer.from('<svg/>'), x: 0.5, y: 0.5, width: 0.2 }], path.join(dir, 'never.mp4'))).rejects.toThrow(/PNG/);
  });
});
