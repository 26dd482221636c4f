/** Counters for the once-a-second stats event: frames drawn and mean inference time. Allocation-free. */
export class FrameStats {
  private frames = 0;
  private inferenceTotal = 0;
  private inferenceCount = 0;

  frameDrawn(): void {
    this.frames++;
  }

  inferred(ms: number): void {
    this.inferenceTotal += ms;
    this.inferenceCount++;
  }

  /** Reads and restarts the counters. */
  take(): { fps: number; inferenceMs: number } {
    const result = { fps: this.frames, inferenceMs: this.inferenceCount > 0 ? this.inferenceTotal / this.inferenceCount : 0 };
    this.frames = 0;
    this.inferenceTotal = 0;
    this.inferenceCount = 0;
    return result;
  }
}
