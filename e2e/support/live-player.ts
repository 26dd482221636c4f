import type { Page } from 'playwright-core';

/**
 * The room page's live player as the live specs and `npm run bench -- live` read it: wait until it
 * plays, and grab the decoded frame on screen (drawImage of the <video> into a canvas) as pixels.
 */
const VIDEO = '[data-testid="live-video"]';

/** A box in the decoded picture's pixels (rounded as it is read; at least 1×1). */
export type PixelBox = Readonly<{ x: number; y: number; width: number; height: number }>;

export interface PlayerFrame {
  readonly width: number;
  readonly height: number;
  /** Date.now() in the page right after the frame was drawn (the time it was on screen). */
  readonly at: number;
  /** RGBA bytes of each box asked for, in its order. */
  readonly boxes: number[][];
}

/** Waits until the page's live video has played more than `seconds`. */
export async function waitPlaying(page: Page, seconds: number, options: Readonly<{ timeout: number; polling: number }>): Promise<void> {
  await page.waitForFunction((s) => ((document.querySelector('[data-testid="live-video"]') as HTMLVideoElement | null)?.currentTime ?? 0) > s, seconds, options);
}

/** The size of the picture the player decodes. */
export function videoSize(page: Page): Promise<{ width: number; height: number }> {
  return page.locator(VIDEO).evaluate((v) => ({ width: (v as HTMLVideoElement).videoWidth, height: (v as HTMLVideoElement).videoHeight }));
}

/** The frame on screen now, read in `boxes`; null while the player has no picture yet. */
export function grabPlayerFrame(page: Page, boxes: readonly PixelBox[]): Promise<PlayerFrame | null> {
  return page.locator(VIDEO).evaluate((element, wanted) => {
    const video = element as HTMLVideoElement;
    if (video.videoWidth === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(video, 0, 0);
    const at = Date.now();
    const read = wanted.map((b) =>
      Array.from(context.getImageData(Math.max(0, Math.round(b.x)), Math.max(0, Math.round(b.y)), Math.max(1, Math.round(b.width)), Math.max(1, Math.round(b.height))).data),
    );
    return { width: video.videoWidth, height: video.videoHeight, at, boxes: read };
  }, boxes);
}
