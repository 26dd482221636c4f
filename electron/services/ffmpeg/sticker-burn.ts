import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { probe } from '../media/probe';
import { runTool } from '../media/run-ffmpeg';

/** One sticker to burn in: a PNG (with alpha) centred at (x, y), `width` a fraction of the frame's width. */
export interface BurnSticker {
  readonly png: Buffer;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** What (x, y) is: the picture's centre (stickers, the default) or its top-left corner (anchor chips, measured on the preview). */
  readonly origin?: 'center' | 'top-left';
  /** Shown only from `fromMs` to `toMs` of the video (an anchor's time range); absent: the whole time. */
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface BurnTools {
  readonly ffmpeg: string;
  readonly ffprobe: string | null;
}

/** The PNG signature: anything else is refused before ffmpeg sees it. */
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const isPng = (bytes: Buffer): boolean => bytes.length > PNG_MAGIC.length && bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC);

/**
 * The filter graph: each sticker scaled to its width in pixels (even, at least 2) and overlaid
 * centred on its point, one after the other, the last output labelled [v].
 */
export function stickerGraph(stickers: readonly Omit<BurnSticker, 'png'>[], frameWidth: number, frameHeight: number): string {
  const parts: string[] = [];
  let last = '0:v';
  stickers.forEach((s, i) => {
    const w = Math.max(2, 2 * Math.round((s.width * frameWidth) / 2));
    const x = Math.round(s.x * frameWidth);
    const y = Math.round(s.y * frameHeight);
    const out = i === stickers.length - 1 ? 'v' : `o${i}`;
    const at = s.origin === 'top-left' ? `x=${x}:y=${y}` : `x=${x}-overlay_w/2:y=${y}-overlay_h/2`;
    const when = s.fromMs !== undefined && s.toMs !== undefined ? `:enable='between(t,${(s.fromMs / 1000).toFixed(3)},${(s.toMs / 1000).toFixed(3)})'` : '';
    parts.push(`[${i + 1}:v]scale=${w}:-2,format=rgba[s${i}]`);
    parts.push(`[${last}][s${i}]overlay=${at}:format=auto${when}[${out}]`);
    last = out;
  });
  return parts.join(';');
}

/**
 * Writes `output`: `input` with the stickers burned into every frame (H.264 High yuv420p, the
 * sound copied as it is, moov first); with a `.png` output, a still picture with them on it. The PNGs go to a private temp folder for ffmpeg and are
 * removed afterwards.
 */
export async function burnStickers(tools: BurnTools, input: string, stickers: readonly BurnSticker[], output: string): Promise<void> {
  if (stickers.length === 0) throw new Error('burnStickers needs at least one sticker');
  for (const s of stickers) if (!isPng(s.png)) throw new Error('A sticker must be a PNG image');
  const info = await probe(tools.ffprobe ?? tools.ffmpeg.replace(/ffmpeg([^/\\]*)$/, 'ffprobe$1'), input);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anchor-stickers-'));
  try {
    const files: string[] = [];
    for (const [i, s] of stickers.entries()) {
      const file = path.join(dir, `sticker-${i}.png`);
      await writeFile(file, s.png);
      files.push(file);
    }
    const inputs = ['-v', 'error', '-y', '-i', input, ...files.flatMap((f) => ['-i', f]), '-filter_complex', stickerGraph(stickers, info.width, info.height), '-map', '[v]'];
    // A still (a photo post): one PNG frame out, nothing to encode or copy.
    if (/\.png$/i.test(output)) {
      await runTool(tools.ffmpeg, [...inputs, '-frames:v', '1', '-update', '1', output], 60_000);
      return;
    }
    const args = [...inputs, '-map', '0:a?', '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'copy', '-movflags', '+faststart', output];
    // Generous for a slow shared machine: a 60 s take re-encodes in ~15-30 s on 2 cores.
    await runTool(tools.ffmpeg, args, 120_000 + info.durationMs * 4);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
