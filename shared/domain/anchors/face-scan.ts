/** How many frames of a video without a face journal the posting page looks at for a face. */
export const FACE_SCAN_FRAMES = 8;

/**
 * The media times (ms) to look for a face in a video of `durationMs` that has no face journal (an
 * imported video): the middles of `frames` equal slices, so the samples spread over the whole
 * video and never land on the first or last frame (often black or a fade). A photo (0 ms) is one
 * sample at 0.
 */
export function faceScanTimes(durationMs: number, frames = FACE_SCAN_FRAMES): number[] {
  if (!(durationMs > 0) || frames < 1) return [0];
  const slice = durationMs / frames;
  return Array.from({ length: frames }, (_, i) => Math.round((i + 0.5) * slice));
}
