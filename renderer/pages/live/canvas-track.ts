/** Chromium's MediaStreamTrackGenerator (the "breakout box" on the window), not in TypeScript's DOM library. */
interface TrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<VideoFrame>;
}
type TrackGeneratorConstructor = new (init: { kind: 'video' }) => TrackGenerator;

/** A video track of a canvas's frames, each sent when `frame()` is called after drawing one. */
export interface CanvasTrack {
  readonly track: MediaStreamTrack;
  /** The canvas holds a new frame: send it (dropped while the previous one is still taken). */
  frame(): void;
  stop(): void;
}

/**
 * The live stream's video track. Where Chromium has MediaStreamTrackGenerator, each drawn frame is
 * sent as a VideoFrame of the canvas: the recorder's encoder converts it on its own thread. A
 * captureStream track converts every frame on the page's thread instead, which the try-on needs:
 * measured at 720p30 (`BENCH_LIVE_RECORDER=1 npm run bench -- live`, load 7–11) the page's thread
 * spent ~15 % of a core drawing, ~22 % drawing with captureStream, ~16 % drawing with this; the
 * encoder the same either way. Elsewhere, captureStream (a frame whenever the canvas changes).
 */
export function canvasTrack(canvas: HTMLCanvasElement): CanvasTrack {
  const Generator = (globalThis as { MediaStreamTrackGenerator?: TrackGeneratorConstructor }).MediaStreamTrackGenerator;
  if (!Generator) {
    const track = canvas.captureStream().getVideoTracks()[0]!;
    return { track, frame: () => undefined, stop: () => track.stop() };
  }
  const generator = new Generator({ kind: 'video' });
  const writer = generator.writable.getWriter();
  let stopped = false;
  return {
    track: generator,
    frame: () => {
      // desiredSize ≤ 0: the last frame is still being taken; this one is skipped, not queued.
      if (stopped || canvas.width === 0 || (writer.desiredSize ?? 0) <= 0) return;
      let frame: VideoFrame;
      try {
        frame = new VideoFrame(canvas, { timestamp: Math.round(performance.now() * 1000) });
      } catch {
        return;
      }
      // The written frame belongs to the track from here on: it closes it once taken.
      writer.write(frame).catch(() => undefined);
    },
    stop: () => {
      stopped = true;
      generator.stop();
      writer.releaseLock();
    },
  };
}
