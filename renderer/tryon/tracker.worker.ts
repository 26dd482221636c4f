/// <reference lib="webworker" />
import { FaceTracker, MAX_LANDMARKS } from './tracker';

/**
 * The wasm face tracker in its own thread, so inference and the render loop use both cores: the page
 * transfers an ImageBitmap and a landmark buffer in, and gets the buffer back filled.
 */
export type TrackerRequest =
  | { readonly type: 'init'; readonly modelBase: string; readonly wasmBase: string }
  | { readonly type: 'estimate'; readonly frame: ImageBitmap; readonly points: Float32Array; readonly still: boolean }
  | { readonly type: 'reset' };

export type TrackerResponse =
  | { readonly type: 'ready'; readonly landmarks: 468 | 478 }
  | { readonly type: 'result'; readonly count: number; readonly points: Float32Array }
  | { readonly type: 'error'; readonly message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let tracker: FaceTracker | null = null;

function reply(message: TrackerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.onmessage = async (event: MessageEvent<TrackerRequest>) => {
  const request = event.data;
  try {
    switch (request.type) {
      case 'init':
        tracker = await FaceTracker.create({ preferBackend: 'wasm', modelBase: request.modelBase, wasmBase: request.wasmBase });
        reply({ type: 'ready', landmarks: tracker.info.landmarks });
        break;
      case 'estimate': {
        let count = 0;
        try {
          if (!tracker) throw new Error('the tracker is not ready');
          if (request.points.length < MAX_LANDMARKS * 3) throw new Error('landmark buffer too small');
          count = await tracker.estimate(request.frame, request.points, request.still);
        } finally {
          request.frame.close();
        }
        reply({ type: 'result', count, points: request.points }, [request.points.buffer]);
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
