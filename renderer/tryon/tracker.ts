import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
// Importing registers the wasm backend; its binaries load only when it is selected.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createDetector, SupportedModels, type FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection';
import { FrameTensor, type PixelFrame } from './frame-pixels';
import { integerMatMulsAsFloat, shareSameDtypeCasts } from './wasm-cast';
import { hasHardwareWebgl } from './gpu';

/** Landmark slots are sized for the refined model; the 468-point model fills the first 468. */
export const MAX_LANDMARKS = 478;

export type TrackerBackend = 'wasm' | 'webgl';

export interface TrackerInfo {
  readonly backend: TrackerBackend;
  readonly landmarks: 468 | 478;
  readonly threads: boolean;
  /** Inference runs in a dedicated worker (tracker.worker.ts), not on the page's thread. */
  readonly worker: boolean;
}

/** What the engine needs from a tracker, on the main thread (FaceTracker) or in a worker (WorkerTracker). */
export interface Tracker {
  readonly info: TrackerInfo;
  /** `frame.data` may be lent out during the call; it is back (possibly a new view) when it resolves. */
  estimate(frame: PixelFrame, out: Float32Array, still: boolean): Promise<number>;
  /** A worker's own time for the last estimate (ms), without the transfers (frame-timings.ts). */
  readonly lastEstimateMs?: number;
  reset(): void;
  dispose(): void;
}

/**
 * The face tracker: tfjs face-landmarks-detection with weights and wasm served from the app's own
 * files (`/models/`, `/wasm/`; never a hub or CDN).
 *
 * Backend and model are chosen by measurement (../shared/FACTS.md, re-measured by `npm run bench`):
 * on a CPU-only machine wasm runs the 468-point mesh in ~12–15 ms, while the 478-point attention mesh
 * does not run on wasm at all (int32 BatchMatMul) and webgl on a software renderer is 10× slower.
 * So: hardware WebGL → 478 points (refined lips and irises); otherwise wasm → 468 points.
 */
export class FaceTracker implements Tracker {
  /** wasm only: tfjs's generic fromPixels is the costliest step there (frame-pixels.ts). */
  private readonly pixels: FrameTensor | null;

  private constructor(
    private readonly detector: FaceLandmarksDetector,
    readonly info: TrackerInfo,
  ) {
    this.pixels = info.backend === 'wasm' ? new FrameTensor() : null;
  }

  /**
   * `refined` (default: on WebGL only) loads the 478-point attention mesh; on wasm it runs with its
   * integer products computed in float (wasm-cast.ts): the stills' refined lips on CPU-only machines
   * (still-refiner.ts), ~3× the 468-point mesh's time, too slow for live frames there.
   */
  static async create(options: Readonly<{ preferBackend?: TrackerBackend; refined?: boolean; modelBase?: string; wasmBase?: string }> = {}): Promise<FaceTracker> {
    const modelBase = options.modelBase ?? '/models/';
    const backend = options.preferBackend ?? (hasHardwareWebgl() ? 'webgl' : 'wasm');
    if (backend === 'wasm') {
      setWasmPaths(options.wasmBase ?? '/wasm/');
      // The threaded build's pthread workers importScripts() a blob: URL, which the studio's CSP
      // (script-src 'self') rightly refuses. Single-threaded SIMD measures within ~1–2 ms of it on
      // 2 cores (../shared/FACTS.md; `npm run bench`), so we keep the strict CSP.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    }
    if (!(await tf.setBackend(backend))) throw new Error(`The ${backend} backend could not start`);
    await tf.ready();
    if (backend === 'wasm') shareSameDtypeCasts();
    const refined = options.refined ?? backend === 'webgl';
    if (refined && backend === 'wasm') integerMatMulsAsFloat();
    const detector = await createDetector(SupportedModels.MediaPipeFaceMesh, {
      runtime: 'tfjs',
      maxFaces: 1,
      refineLandmarks: refined,
      detectorModelUrl: `${modelBase}facemesh-detection-short.json`,
      landmarkModelUrl: `${modelBase}${refined ? 'facemesh-attention.json' : 'facemesh.json'}`,
    });
    return new FaceTracker(detector, { backend, landmarks: refined ? 478 : 468, threads: false, worker: false });
  }

  /**
   * Runs the model on one frame and copies the landmarks (image pixels: x, y, z) into `out`.
   * Returns the number of landmarks, 0 when there is no face. The library's own result objects are
   * the only per-frame allocation left, and they stay inside this call.
   */
  async estimate(frame: PixelFrame, out: Float32Array, still: boolean): Promise<number> {
    // WebGL: tfjs's own FromPixels kernel uploads the bytes (PixelData is one of its inputs).
    const image = this.pixels ? this.pixels.tensor(frame) : (frame as unknown as ImageData);
    const faces = await this.detector.estimateFaces(image, { flipHorizontal: false, staticImageMode: still });
    const face = faces[0];
    if (!face) return 0;
    const points = face.keypoints;
    const count = Math.min(points.length, MAX_LANDMARKS);
    for (let i = 0; i < count; i++) {
      const p = points[i]!;
      out[i * 3] = p.x;
      out[i * 3 + 1] = p.y;
      out[i * 3 + 2] = p.z ?? 0;
    }
    return count;
  }

  /** Forget the previous frame's face box (new source). */
  reset(): void {
    this.detector.reset();
  }

  dispose(): void {
    this.detector.dispose();
    this.pixels?.dispose();
  }
}
