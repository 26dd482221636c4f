/// <reference lib="webworker" />
import type { PixelFrame } from './frame-pixels';
import { FaceTracker, MAX_LANDMARKS } from './tracker';

/**
 * The wasm face tracker in its own thread, so inference and drawing use both cores: the page lends
 * the frame's RGBA bytes and a landmark buffer, and gets both back, the landmarks filled.
 */
export type TrackerRequest =
  | { readonly type: 'init'; readonly modelBase: string; readonly wasmBase: string; readonly refined: boolean }
  | { readonly type: 'estimate'; readonly pixels: Uint8Array; readonly width: number; readonly height: number; readonly points: Float32Array; readonly still: boolean }
  | { readonly type: 'reset' };

export type TrackerResponse =
  | { readonly type: 'ready'; readonly landmarks: 468 | 478 }
  | { readonly type: 'result'; readonly count: number; readonly points: Float32Array; readonly pixels: Uint8Array; readonly ms: number }
  | { readonly type: 'error'; readonly message: string; readonly points?: Float32Array; readonly pixels?: Uint8Array };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let tracker: FaceTracker | null = null;
/** The one frame holder of this thread; its bytes are the page's, lent for one estimate. */
const frame: PixelFrame = { data: new Uint8Array(0), width: 0, height: 0 };

function reply(message: TrackerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.onmessage = async (event: MessageEvent<TrackerRequest>) => {
  const request = event.data;
  try {
    switch (request.type) {
      case 'init':
        tracker = await FaceTracker.create({ preferBackend: 'wasm', refined: request.refined, modelBase: request.modelBase, wasmBase: request.wasmBase });
        reply({ type: 'ready', landmarks: tracker.info.landmarks });
        break;
      case 'estimate': {
        const { pixels, points } = request;
        try {
          if (!tracker) throw new Error('the tracker is not ready');
          if (points.length < MAX_LANDMARKS * 3) throw new Error('landmark buffer too small');
          frame.data = pixels;
          frame.width = request.width;
          frame.height = request.height;
          const started = performance.now();
          const count = await tracker.estimate(frame, points, request.still);
          reply({ type: 'result', count, points, pixels, ms: performance.now() - started }, [points.buffer, pixels.buffer]);
        } catch (error) {
          // The buffers go back with the error, so the page never has to replace them.
          reply({ type: 'error', message: error instanceof Error ? error.message : String(error), points, pixels }, [points.buffer, pixels.buffer]);
        }
        break;
      }
      case 'reset':
        tracker?.reset();
        break;
      default: {
        const unreachable: never = request;
        throw new Error(`unknown request ${String(unreachable)}`);
      }
    }
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
