import type { Texture } from 'three';
import type { FaceState } from '@shared/domain/tryon/face-state';
import type { FrameReader } from './frame-reader';
import type { FrameSlot } from './frame-slot';
import type { FrameStats } from './frame-stats';
import type { FrameTimings } from './frame-timings';
import type { LookRenderer } from './look-renderer';
import type { QualityControl } from './quality-control';

/** What drawing a tracked live frame needs from the engine (engine.ts builds it once). */
export interface LiveFrameDrawing {
  readonly frames: FrameReader;
  readonly look: LookRenderer;
  /** The face state, holding this frame's own landmarks. */
  readonly face: FaceState;
  readonly slot: FrameSlot;
  readonly stats: FrameStats;
  readonly quality: QualityControl;
  readonly timings: FrameTimings | null;
  /** Makes `texture` the frame on screen and draws it with the look (the engine's render). */
  show(texture: Texture): void;
  /** The last inference's time (ms), which Auto's tier compares the drawing with. */
  inferenceMs(): number;
}

/**
 * One tracked live frame, refined and drawn (frame-pipeline.ts's `draw`): the lip mask from the
 * frame's own bytes, the frame uploaded from them (no copy: this is their last use), the look drawn;
 * then Auto's tier gets the drawing time of a 3D look, and the stats and the benchmark's timings
 * the frame.
 */
export function drawLiveFrame(d: LiveFrameDrawing, slot: number): void {
  const timings = d.timings;
  const refineStart = performance.now();
  d.look.refine(d.face, d.frames.buffer(slot));
  timings?.add('refine', performance.now() - refineStart);
  const texture = d.frames.texture(slot);
  // Bytes the worker kept (a failed estimate, an error event): the canvas keeps the last frame; a feed goes on.
  if (!texture) return d.slot.drawn();
  const drawStart = performance.now();
  d.show(texture);
  const drawEnd = performance.now();
  if (d.look.hasModel && d.face.visible) d.quality.sample(drawEnd - drawStart, d.inferenceMs());
  if (timings) {
    timings.add('draw', drawEnd - drawStart);
    timings.drawn(drawEnd);
  }
  d.stats.frameDrawn();
  d.slot.drawn();
}
