/**
 * Counters for the once-a-second stats event: frames drawn, frames the source delivered, and mean
 * inference time. Allocation-free on the frame path.
 */
export class FrameStats {
  private frames = 0;
  private inferenceTotal = 0;
  private inferenceCount = 0;
  private presented = -1;
  private presentedAtTake = -1;

  frameDrawn(): void {
    this.frames++;
  }

  /** The source's running count of frames delivered (`presentedFrames` of a video frame callback). */
  sourcePresented(count: number): void {
    this.presented = count;
    if (this.presentedAtTake < 0) this.presentedAtTake = count;
  }

  inferred(ms: number): void {
    this.inferenceTotal += ms;
    this.inferenceCount++;
  }

  /** Reads and restarts the counters. */
  take(): { fps: number; sourceFps: number; inferenceMs: number } {
    const sourceFps = this.presented >= 0 && this.presentedAtTake >= 0 ? this.presented - this.presentedAtTake : 0;
    const result = { fps: this.frames, sourceFps, inferenceMs: this.inferenceCount > 0 ? this.inferenceTotal / this.inferenceCount : 0 };
    this.frames = 0;
    this.inferenceTotal = 0;
    this.inferenceCount = 0;
    this.presentedAtTake = this.presented;
    return result;
  }

  /** A new source: its frame count starts again. */
  resetSource(): void {
    this.presented = -1;
    this.presentedAtTake = -1;
  }
}
