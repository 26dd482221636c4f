/**
 * What the live frame loop needs from the engine. A launched frame lives in one of two slots (its
 * pixel buffer, texture and tracking), so the frame being drawn keeps its bytes while the next one
 * is lent to the tracker. `run` is the source generation the loop was started for (the steps are
 * built once, not per frame).
 */
export interface FrameSteps {
  /**
   * Takes the waiting frame into a free slot: read-out, upload, handed to the tracker. Resolves once
   * the tracker has it (its landmarks come later), with the slot, or −1 when no frame could be taken.
   */
  launch(run: number): Promise<number>;
  /** Settles once the slot's landmarks are in the face state. */
  tracked(slot: number): Promise<void>;
  /** Whether a newer frame waits to be taken. */
  waiting(): boolean;
  /** Whether the run still belongs to the current source (a new source ends it). */
  current(run: number): boolean;
  /** Refines and draws the slot's frame with the face state's landmarks (its own: see runFramePipeline). */
  draw(slot: number): void;
}

/**
 * The live frame loop, two frames deep. Once a frame's landmarks are in, the next waiting frame is
 * launched FIRST (read and handed to the tracker), and only then is this one refined and drawn, so
 * the next inference runs in the worker while this frame's lips are refined and its look drawn on
 * the page. Each frame is still drawn with its own landmarks: the next frame's come in a later task,
 * never between the launch and the drawing, which are one synchronous stretch after the read-out.
 *
 * Before (issue 16 §6, `npm run bench -- tryon --stages`), the next frame's read-out was awaited
 * behind this frame's refinement and drawing, so inference, refinement and drawing ran one after
 * another: a lipstick frame cost read + inference + refinement + drawing.
 */
export async function runFramePipeline(steps: FrameSteps, run: number): Promise<void> {
  let slot = await steps.launch(run);
  while (slot >= 0) {
    await steps.tracked(slot);
    if (!steps.current(run)) return;
    const next = steps.waiting() ? await steps.launch(run) : -1;
    if (!steps.current(run)) return;
    steps.draw(slot);
    slot = next;
  }
}
