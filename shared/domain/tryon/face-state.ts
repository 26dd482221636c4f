import { OneEuroFilterBank } from './one-euro';
import { HeadPoseSolver, landmarksToScene } from './pose';
import { landmarkBox, type FaceBox } from './landmark-box';
import { FacePresence, LIVE_PRESENCE, type PresenceOptions } from './presence';

export type { FaceBox } from './landmark-box';

/**
 * What the try-on engine knows of the face after each tracked frame: the smoothed landmarks (image
 * pixels), the head pose fitted to them and found/lost with a dead band. Every buffer is allocated
 * once; `apply` is the per-frame step and allocates nothing.
 */
export class FaceState {
  /** Smoothed landmarks of the newest tracked frame: x, y, z in image pixels. */
  readonly points: Float32Array;
  readonly solver = new HeadPoseSolver();
  private readonly scenePoints: Float32Array;
  private readonly filter: OneEuroFilterBank;
  private presence = new FacePresence(LIVE_PRESENCE);
  private count = 0;
  private poseValid = false;

  constructor(capacity: number) {
    this.points = new Float32Array(capacity * 3);
    this.scenePoints = new Float32Array(capacity * 3);
    this.filter = new OneEuroFilterBank(capacity * 3);
  }

  /** A new source: forget the face, with the presence rules of that source (live or still). */
  reset(options: PresenceOptions): void {
    this.presence = new FacePresence(options);
    this.filter.reset();
    this.count = 0;
    this.poseValid = false;
  }

  /**
   * Takes one tracker result (`count` landmarks in `raw`, 0 without a face) at `timeMs`. A still is
   * not smoothed. Returns true when the face was just found or lost.
   */
  apply(raw: Float32Array, count: number, timeMs: number, still: boolean): boolean {
    if (count > 0) {
      this.points.set(raw);
      if (!still) this.filter.filter(this.points, timeMs);
      this.count = count;
      landmarksToScene(this.points, count, this.scenePoints);
      this.poseValid = this.solver.solve(this.scenePoints);
    } else {
      this.filter.reset();
    }
    return this.presence.update(count > 0, timeMs) !== null;
  }

  /** Found (past the dead band), whether or not landmarks are in yet. */
  get found(): boolean {
    return this.presence.present;
  }

  /** How many landmarks the newest tracked frame has (468, or 478 with irises; 0 before any). */
  get landmarkCount(): number {
    return this.count;
  }

  /** Found and with landmarks to draw on. */
  get visible(): boolean {
    return this.presence.present && this.count > 0;
  }

  /** The head pose (column-major 4×4) when there is one to draw with. */
  get pose(): Float32Array | null {
    return this.visible && this.poseValid ? this.solver.matrix : null;
  }

  /**
   * The face's landmark box in normalised coordinates of a `width` × `height` frame, mirrored when
   * the frame is shown mirrored; null without a face. Sampled a few times a second (it allocates).
   */
  faceBox(width: number, height: number, mirrored: boolean): FaceBox | null {
    return this.visible ? landmarkBox(this.points, this.count, width, height, mirrored) : null;
  }
}
