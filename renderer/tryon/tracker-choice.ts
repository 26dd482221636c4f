import { hasHardwareWebgl } from './gpu';
import { FaceTracker, type Tracker } from './tracker';
import { WorkerTracker } from './worker-tracker';

export type TrackerPlacement = 'auto' | 'worker' | 'main';

/**
 * Where the tracker runs unless told otherwise. On a CPU-only machine the wasm tracker runs in a
 * worker: on 2 cores it draws no more frames than on the page's thread, but it keeps the page's
 * thread free for the creator's clicks and drags (a 50 ms timer fires ~5–7 ms late p95 instead of
 * ~19–24 ms; `npm run bench -- tryon`), and on more cores inference overlaps drawing. WebGL inference
 * on a real GPU stays on the page: the GPU does the work there.
 */
export function defaultTrackerPlacement(): 'worker' | 'main' {
  return hasHardwareWebgl() ? 'main' : 'worker';
}

/** The tracker for `placement`; `auto` falls back to the page's thread if the worker cannot start. */
export async function createTracker(placement: TrackerPlacement): Promise<Tracker> {
  if (placement === 'worker' || (placement === 'auto' && defaultTrackerPlacement() === 'worker')) {
    try {
      return await WorkerTracker.create();
    } catch (error) {
      if (placement === 'worker') throw error;
    }
  }
  return FaceTracker.create();
}
