import { ALERT_BAND_COLOUR, alertCardLayout, clockLayout, CLOCK_MODULO, type AlertCardLayout, type Rect } from './stream-layout';

/** What the stream draws from: the try-on engine's canvas and its per-frame "drawn" hook. */
export interface FrameSource {
  readonly canvas: HTMLCanvasElement;
  onDrawn(listener: () => void): () => void;
}

/** The gift alert as the stream shows it (strings already translated). */
export interface AlertCard {
  /** Identifies the alert on screen (a replay of the same gift is a new key). */
  readonly key: string;
  readonly glyph: string;
  /** The gift's picture on the platform (drawn instead of the glyph once loaded, if the platform allows CORS), or null. */
  readonly imageUrl: string | null;
  readonly caption: string;
  readonly sender: string;
  readonly message: string | null;
}

/** A frame is re-sent at least this often when the engine draws none (a photo, a stalled camera). */
const KEEPALIVE_MS = 200;
const CARD_BACKGROUND = 'rgba(14, 15, 19, 0.86)';
const TEXT = '#f4f4f6';
const SENDER = '#25f4ee';
const FONT = 'system-ui, "DejaVu Sans", "Noto Sans", sans-serif';

/**
 * The picture the live stream sends: each time the engine draws a frame, that frame is copied into
 * this canvas (one drawImage, in the same task, so the WebGL buffer is still there) with the gift
 * alert card on top — so viewers see the alert the streamer sees. The card is rendered once per
 * alert into its own canvas; per frame it is one more drawImage and nothing is allocated. With the
 * source canvas's `data-stream-clock="on"` (the benchmark), the wall clock is drawn as a row of
 * blocks for glass-to-glass measurement.
 */
export class StreamCompositor implements FrameSource {
  readonly canvas: HTMLCanvasElement;
  /** Told after each frame this canvas draws (the stream's track sends it). */
  private readonly drawnListeners: Array<() => void> = [];
  private readonly context: CanvasRenderingContext2D;
  private readonly unsubscribe: () => void;
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly clock: boolean;
  private clockBlocks: readonly Rect[] = [];
  private card: HTMLCanvasElement | null = null;
  private cardKey: string | null = null;
  private alert: AlertCard | null = null;
  /** The current alert's picture once it has loaded (the glyph stands in until then, or for good). */
  private picture: HTMLImageElement | null = null;
  private layout: AlertCardLayout | null = null;
  private lastDrawnAt = 0;
  private disposed = false;

  constructor(private readonly source: FrameSource) {
    this.canvas = document.createElement('canvas');
    // Sized (and the overlays laid out) by the first frame drawn.
    this.canvas.width = 0;
    this.canvas.height = 0;
    this.context = this.canvas.getContext('2d', { alpha: false })!;
    this.clock = source.canvas.dataset.streamClock === 'on';
    this.unsubscribe = source.onDrawn(() => this.draw());
    this.keepalive = setInterval(() => {
      if (performance.now() - this.lastDrawnAt >= KEEPALIVE_MS) this.draw();
    }, KEEPALIVE_MS / 2);
    this.draw();
  }

  onDrawn(listener: () => void): () => void {
    this.drawnListeners.push(listener);
    return () => {
      const at = this.drawnListeners.indexOf(listener);
      if (at >= 0) this.drawnListeners.splice(at, 1);
    };
  }

  /** The alert to show from the next frame on; null hides it. */
  setAlert(alert: AlertCard | null): void {
    if (alert?.imageUrl !== this.alert?.imageUrl) this.loadPicture(alert?.imageUrl ?? null);
    this.alert = alert;
    if (alert === null || alert.key !== this.cardKey) {
      this.card = null;
      this.cardKey = null;
    }
    // Shown at once, even if the engine draws no frame soon.
    this.draw();
  }

  /**
   * Loads the picture as a CORS image: a cross-origin image without CORS would taint the canvas and
   * stop its capture, so one the platform does not allow fails to load and the glyph stays.
   */
  private loadPicture(url: string | null): void {
    this.picture = null;
    if (!url) return;
    const image = new Image();
    image.crossOrigin = 'anonymous';
    image.onload = () => {
      if (this.disposed || this.alert?.imageUrl !== url) return;
      this.picture = image;
      // Drawn again with the picture from the next frame.
      this.card = null;
      this.cardKey = null;
    };
    image.src = url;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.drawnListeners.length = 0;
    clearInterval(this.keepalive);
    this.card = null;
    this.canvas.width = 0;
    this.canvas.height = 0;
  }

  private draw(): void {
    if (this.disposed) return;
    const { canvas: source } = this.source;
    if (source.width === 0 || source.height === 0) return;
    if (source.width !== this.canvas.width || source.height !== this.canvas.height) this.resize(source.width, source.height);
    const context = this.context;
    context.drawImage(source, 0, 0);
    if (this.alert) {
      if (this.card === null) this.renderCard(this.alert);
      const card = this.layout!.card;
      context.drawImage(this.card!, card.x, card.y);
    }
    if (this.clock) this.drawClock();
    this.lastDrawnAt = performance.now();
    const listeners = this.drawnListeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!();
  }

  private resize(width: number, height: number): void {
    // The source changed size (another camera or a file): the card and clock are laid out again.
    this.canvas.width = width;
    this.canvas.height = height;
    this.layout = alertCardLayout(width, height);
    this.clockBlocks = this.clock ? clockLayout(width, height).blocks : [];
    this.card = null;
    this.cardKey = null;
  }

  private drawClock(): void {
    const context = this.context;
    const now = Date.now() % CLOCK_MODULO;
    const blocks = this.clockBlocks;
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k]!;
      context.fillStyle = Math.floor(now / 2 ** k) % 2 === 1 ? '#fff' : '#000';
      context.fillRect(b.x, b.y, b.width, b.height);
    }
  }

  /** Renders the card once per alert (text measured and wrapped here, not per frame). */
  private renderCard(alert: AlertCard): void {
    this.layout ??= alertCardLayout(this.canvas.width, this.canvas.height);
    const { card, band, padding, glyphSize, captionSize, lineSize, messageLines } = this.layout;
    const canvas = document.createElement('canvas');
    canvas.width = card.width;
    canvas.height = card.height;
    const c = canvas.getContext('2d')!;
    c.fillStyle = CARD_BACKGROUND;
    c.fillRect(0, 0, card.width, card.height);
    c.fillStyle = ALERT_BAND_COLOUR;
    c.fillRect(0, 0, band.width, band.height);
    const top = band.height + padding;
    c.textBaseline = 'top';
    if (this.picture) {
      c.drawImage(this.picture, padding, top, glyphSize, glyphSize);
    } else {
      c.font = `${glyphSize}px ${FONT}`;
      c.fillStyle = ALERT_BAND_COLOUR;
      c.fillText(alert.glyph, padding, top, glyphSize);
    }
    const left = padding * 2 + glyphSize;
    const textWidth = card.width - left - padding;
    c.fillStyle = TEXT;
    shrinkToFit(c, alert.caption, textWidth, captionSize, 'bold ');
    c.fillText(fit(c, alert.caption, textWidth), left, top);
    let y = top + Math.round(captionSize * 1.25);
    shrinkToFit(c, alert.sender, textWidth, lineSize, '');
    c.fillStyle = SENDER;
    c.fillText(fit(c, alert.sender, textWidth), left, y);
    y += Math.round(lineSize * 1.25);
    if (alert.message) {
      c.fillStyle = TEXT;
      c.font = `italic ${lineSize}px ${FONT}`;
      for (const line of wrap(c, `“${alert.message}”`, textWidth, messageLines)) {
        c.fillText(line, left, y);
        y += Math.round(lineSize * 1.25);
      }
    }
    this.card = canvas;
    this.cardKey = alert.key;
  }
}

/** Sets the largest font, down to 70 % of `size`, at which `text` fits `width` (cut with an ellipsis below that). */
function shrinkToFit(c: CanvasRenderingContext2D, text: string, width: number, size: number, style: string): void {
  for (let px = size; ; px--) {
    c.font = `${style}${px}px ${FONT}`;
    if (px <= Math.ceil(size * 0.7) || c.measureText(text).width <= width) return;
  }
}

/** The text cut with an ellipsis to fit `width`. */
function fit(c: CanvasRenderingContext2D, text: string, width: number): string {
  if (c.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 0 && c.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Word-wrapped lines, at most `max`, the last cut with an ellipsis if the text goes on. */
function wrap(c: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (c.measureText(next).width <= width || !line) {
      line = next;
      continue;
    }
    if (lines.length === max - 1) return [...lines, fit(c, `${line} ${words.slice(i).join(' ')}`, width)];
    lines.push(line);
    line = words[i]!;
  }
  if (line) lines.push(fit(c, line, width));
  return lines;
}
