import type { PixelRect } from '@shared/domain/tryon/draw-region';

/** A frame's RGBA bytes as an ImageData, as bytes, and as one word per pixel (the same memory). */
export interface FrameImage {
  readonly image: ImageData;
  readonly bytes: Uint8Array;
  readonly words: Uint32Array;
}

export function createFrameImage(width: number, height: number): FrameImage {
  return frameImageOver(new Uint8Array(width * height * 4), width, height, null);
}

/**
 * A frame's own bytes seen as a FrameImage, without a copy: `previous` when it already is (the same
 * buffer), else new views on it. A live frame's buffer comes back from the worker tracker as a new
 * ArrayBuffer each time, so that is a few small objects a frame instead of a 1.2 MB copy.
 */
export function frameImageOver(bytes: Uint8Array, width: number, height: number, previous: FrameImage | null): FrameImage {
  if (previous && previous.bytes.buffer === bytes.buffer && previous.image.width === width && previous.image.height === height) return previous;
  // A PixelFrame's buffer is a plain ArrayBuffer (transferred to the worker and back, never shared).
  const image = new ImageData(new Uint8ClampedArray(bytes.buffer as ArrayBuffer, bytes.byteOffset, width * height * 4), width, height);
  return { image, bytes, words: new Uint32Array(bytes.buffer, bytes.byteOffset, width * height) };
}

/**
 * The visible canvas when WebGL runs on a software rasteriser: a 2D canvas that takes the frame's own
 * bytes (putImageData, ~0.1 ms at 640×480) and, over them, only the rectangle WebGL redrew, read back
 * with one readPixels. On SwiftShader every WebGL pixel costs CPU time — drawing it, and the
 * browser's read-back of the whole WebGL canvas each time it shows it — so the cost follows the
 * face instead of the frame. Buffers are allocated once per frame size; drawing allocates nothing.
 */
export class RegionOutput {
  private readonly context: CanvasRenderingContext2D;
  private width = 0;
  private height = 0;
  /** The mirrored frame (a frame is stored unmirrored; mirroring is a copy, not a canvas transform). */
  private mirror: FrameImage | null = null;
  /**
   * One buffer, two halves: the first is `readImage` (canvas-sized, what putImageData shows), the
   * second receives readPixels' packed bottom-up rows, which copyWithin flips into the first.
   */
  private readBytes: Uint8Array | null = null;
  private readImage: ImageData | null = null;
  private readTarget: Uint8Array | null = null;

  constructor(readonly canvas: HTMLCanvasElement) {
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) throw new Error('The preview canvas has no 2D context');
    this.context = context;
  }

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.canvas.width = width;
    this.canvas.height = height;
    this.mirror = null;
    const size = width * height * 4;
    const buffer = new ArrayBuffer(size * 2);
    this.readBytes = new Uint8Array(buffer);
    this.readImage = new ImageData(new Uint8ClampedArray(buffer, 0, size), width, height);
    this.readTarget = new Uint8Array(buffer, size, size);
  }

  /** The whole frame (RGBA rows, top first), mirrored left to right when asked. */
  drawFrame(frame: FrameImage, mirrored: boolean): void {
    if (!mirrored) {
      this.context.putImageData(frame.image, 0, 0);
      return;
    }
    const { width, height } = this;
    this.mirror ??= createFrameImage(width, height);
    const source = frame.words;
    const target = this.mirror.words;
    for (let y = 0, row = 0; y < height; y++, row += width) {
      for (let x = 0, back = row + width - 1; x < width; x++, back--) target[row + x] = source[back]!;
    }
    this.context.putImageData(this.mirror.image, 0, 0);
  }

  /**
   * Reads `rect.width × rect.height` pixels from the bottom-left corner of the WebGL drawing buffer
   * (where the compositor drew the rectangle) and puts them at `rect` on the canvas.
   */
  drawRegion(gl: WebGL2RenderingContext, rect: PixelRect): void {
    const bytes = this.readBytes;
    const image = this.readImage;
    const target = this.readTarget;
    if (!bytes || !image || !target) return;
    const { x, y, width, height } = rect;
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, target);
    // WebGL rows come bottom first: row j of the rectangle is packed row (height − 1 − j).
    const rowBytes = width * 4;
    const half = target.byteOffset;
    for (let j = 0; j < height; j++) {
      const from = half + (height - 1 - j) * rowBytes;
      bytes.copyWithin(((y + j) * this.width + x) * 4, from, from + rowBytes);
    }
    this.context.putImageData(image, 0, 0, x, y, width, height);
  }
}
