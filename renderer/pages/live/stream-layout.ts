/**
 * Where the live stream's overlays sit in the streamed frame, as pure geometry (no DOM), so the
 * compositor, the e2e test and the benchmark agree on the pixels: the gift alert card at the top
 * centre, clear of the mouth, and the benchmark's clock (a row of black/white blocks) at the bottom.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The card's accent band (the theme's --accent-2): a colour block a decoded frame can be searched for. */
export const ALERT_BAND_RGB: readonly [number, number, number] = [0x25, 0xf4, 0xee];
export const ALERT_BAND_COLOUR = '#25f4ee';

export interface AlertCardLayout {
  /** The whole card (frame pixels). */
  readonly card: Rect;
  /** The solid accent band across the card's top. */
  readonly band: Rect;
  readonly padding: number;
  readonly glyphSize: number;
  readonly captionSize: number;
  readonly lineSize: number;
  /** Lines of message at most (longer ones end with an ellipsis). */
  readonly messageLines: number;
}

/**
 * The card for a frame of `width`×`height`: 72 % of the width, centred, 4 % from the top, at most
 * ~26 % of the height (glyph on the left, caption, sender and up to two lines of message on the
 * right), so on a head-and-shoulders frame it covers the hair or forehead, never the lips.
 */
export function alertCardLayout(width: number, height: number): AlertCardLayout {
  if (!(width > 0 && height > 0)) throw new RangeError(`frame size must be positive, got ${width}×${height}`);
  const unit = Math.min(width, height);
  const padding = Math.max(4, Math.round(unit * 0.025));
  const captionSize = Math.max(10, Math.round(unit * 0.05));
  const lineSize = Math.max(8, Math.round(unit * 0.038));
  const glyphSize = Math.max(16, Math.round(unit * 0.12));
  const bandHeight = Math.max(4, Math.round(unit * 0.02));
  const messageLines = 2;
  const textHeight = Math.round(captionSize * 1.25 + lineSize * 1.25 * (1 + messageLines));
  const cardWidth = Math.round(width * 0.72);
  const cardHeight = bandHeight + padding * 2 + Math.max(glyphSize, textHeight);
  const card = { x: Math.round((width - cardWidth) / 2), y: Math.round(height * 0.04), width: cardWidth, height: cardHeight };
  return { card, band: { x: card.x, y: card.y, width: card.width, height: bandHeight }, padding, glyphSize, captionSize, lineSize, messageLines };
}

/** Bits of the benchmark's clock: Date.now() modulo 2^24 ms (wraps every ~4.7 h). */
export const CLOCK_BITS = 24;
export const CLOCK_MODULO = 2 ** CLOCK_BITS;

/** The clock's blocks: one row along the bottom-left, bit k in block k (white = 1). */
export function clockLayout(width: number, height: number): { readonly blocks: readonly Rect[] } {
  if (!(width > 0 && height > 0)) throw new RangeError(`frame size must be positive, got ${width}×${height}`);
  const size = Math.max(4, Math.floor(Math.min(width / (CLOCK_BITS + 4), height / 12)));
  const y = height - size - Math.max(2, Math.floor(size / 4));
  return { blocks: Array.from({ length: CLOCK_BITS }, (_, k) => ({ x: size + k * size, y, width: size, height: size })) };
}

/** The clock's value from its bits read back (bit k from block k). */
export function decodeClock(bits: readonly boolean[]): number {
  let value = 0;
  for (let k = 0; k < CLOCK_BITS; k++) if (bits[k]) value += 2 ** k;
  return value;
}

/** How old a clock reading is at `nowMs` (ms), across the modulo's wrap. */
export function clockAgeMs(reading: number, nowMs: number): number {
  return ((((nowMs % CLOCK_MODULO) - reading) % CLOCK_MODULO) + CLOCK_MODULO) % CLOCK_MODULO;
}

/**
 * Where a point of the studio's frame lands in the streamed picture: the encoder scales the frame
 * to fit the output and pads the rest black, centred (electron/services/live-stream/stream-plan.ts).
 */
export function toOutput(source: { width: number; height: number }, output: { width: number; height: number }): (x: number, y: number) => [number, number] {
  const scale = Math.min(output.width / source.width, output.height / source.height);
  const offsetX = (output.width - source.width * scale) / 2;
  const offsetY = (output.height - source.height * scale) / 2;
  return (x, y) => [offsetX + x * scale, offsetY + y * scale];
}
