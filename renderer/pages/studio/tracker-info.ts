import type { TrackerInfo } from '../../tryon/tracker';

/**
 * The face tracker the last try-on engine loaded (backend, mesh, worker), kept for Settings →
 * About & diagnostics, which has no engine of its own. null until a Studio or Shoot page loaded one.
 */
let latest: TrackerInfo | null = null;

export const trackerInfo = {
  get: (): TrackerInfo | null => latest,
  set: (info: TrackerInfo): void => {
    latest = info;
  },
};
