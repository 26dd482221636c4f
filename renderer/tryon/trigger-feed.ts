import { ExpressionTriggers, type TriggerKind } from '@shared/domain/tryon/expressions';

/**
 * Hands-free control (issue 16 §5) on the engine's side: the expression detectors and who listens.
 * Each live tracked frame goes in; a smile, an open mouth or raised brows that fires is told to
 * every listener, once per gesture. Detection runs only while someone listens.
 */
export class TriggerFeed {
  private readonly triggers = new ExpressionTriggers();
  private readonly listeners = new Set<(kind: TriggerKind) => void>();

  listen(listener: (kind: TriggerKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setEnabled(kind: TriggerKind, on: boolean): void {
    this.triggers.setEnabled(kind, on);
  }

  /** One live frame: the face's landmarks when one is found (null resets the detectors). */
  frame(points: ArrayLike<number> | null, timeMs: number): void {
    if (this.listeners.size === 0) return;
    if (points === null) return this.triggers.reset();
    const kind = this.triggers.update(points, timeMs);
    if (kind) for (const listener of this.listeners) listener(kind);
  }

  clear(): void {
    this.listeners.clear();
  }
}
