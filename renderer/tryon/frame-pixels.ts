import * as tf from '@tensorflow/tfjs-core';

/**
 * One frame's pixels, RGBA bytes row by row from the top. Mutable on purpose: the engine keeps one
 * and reuses its buffer frame after frame, and the worker tracker hands the buffer back in `data`
 * after borrowing it.
 */
export interface PixelFrame {
  data: Uint8Array;
  width: number;
  height: number;
}

export function emptyPixelFrame(): PixelFrame {
  return { data: new Uint8Array(0), width: 0, height: 0 };
}

/**
 * Copies the current frame of a video (camera or file) or a canvas into `frame` as RGBA, through
 * WebCodecs: `VideoFrame.copyTo` converts a 640×480 camera frame in ~0.5 ms, against ~2.2 ms for
 * `createImageBitmap(video)` on this machine; the same bytes then feed both the tracker and the
 * texture, so the frame is converted once. The VideoFrame wrapper is the one per-frame object.
 */
export async function readFrame(element: HTMLVideoElement | HTMLCanvasElement, frame: PixelFrame): Promise<void> {
  const video = new VideoFrame(element, { timestamp: 0 });
  try {
    const rect = video.visibleRect;
    const width = rect?.width ?? video.displayWidth;
    const height = rect?.height ?? video.displayHeight;
    if (width === 0 || height === 0) throw new Error('the frame has no pixels yet');
    // A buffer lent to the worker and not returned (a failed estimate) is detached: length 0.
    if (frame.data.length !== width * height * 4) frame.data = new Uint8Array(width * height * 4);
    frame.width = width;
    frame.height = height;
    await video.copyTo(frame.data, { format: 'RGBA', colorSpace: 'srgb' });
  } finally {
    video.close();
  }
}

/** The wasm backend's view of a tensor's memory (its public class, typed loosely to stay decoupled). */
interface WasmHeapBackend {
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/**
 * Turns RGBA pixels into the tracker's input tensor (height × width × 3, float32) on the wasm
 * backend, written straight into one tensor that lives as long as the tracker.
 *
 * tfjs-wasm has no FromPixels kernel, so `tf.browser.fromPixels` falls back to a generic JS loop that
 * allocates an Int32Array per frame, copies it into the wasm heap and then casts it: ~5 ms of a 13 ms
 * frame at 640×480 on this machine (CPU profile, `npm run bench -- tryon`). One flat loop into the
 * tensor's own heap memory takes ~0.9 ms. The WebGL backend has its own kernel and does not use this.
 *
 * The tensor is rewritten in place for each frame: the caller must be done with the previous frame's
 * results before the next (the tracker runs one estimate at a time) and must not dispose it.
 */
export class FrameTensor {
  private frame: tf.Tensor3D | null = null;

  tensor(pixels: PixelFrame): tf.Tensor3D {
    const { width, height } = pixels;
    const rgba = pixels.data;
    if (width === 0 || height === 0 || rgba.length < width * height * 4) throw new Error('the frame has no pixels');
    const frame = this.frameTensor(width, height);
    // A fresh view each time: the heap's buffer is replaced whenever wasm memory grows.
    const rgb = (tf.backend() as unknown as WasmHeapBackend).typedArrayFromHeap(frame);
    const size = width * height * 3;
    for (let i = 0, j = 0; j < size; i += 4, j += 3) {
      rgb[j] = rgba[i]!;
      rgb[j + 1] = rgba[i + 1]!;
      rgb[j + 2] = rgba[i + 2]!;
    }
    return frame;
  }

  private frameTensor(width: number, height: number): tf.Tensor3D {
    const current = this.frame;
    if (current && current.shape[0] === height && current.shape[1] === width) return current;
    current?.dispose();
    const frame = tf.keep(tf.zeros<tf.Rank.R3>([height, width, 3], 'float32'));
    this.frame = frame;
    return frame;
  }

  dispose(): void {
    this.frame?.dispose();
    this.frame = null;
  }
}
