import { SourceError, type SourceErrorCode } from './sources';
import type { TrackerInfo } from './tracker';
import type { QualityTier } from '@shared/domain/tryon/quality';

export type SourceKind = 'camera' | 'video' | 'photo';

/** What the engine tells its page: low-rate events only, never one per frame. */
export type EngineEvent =
  | { readonly type: 'ready'; readonly tracker: TrackerInfo }
  | { readonly type: 'source'; readonly kind: SourceKind; readonly width: number; readonly height: number }
  | { readonly type: 'face'; readonly present: boolean }
  /**
   * Once a second: frames drawn, frames the source delivered, mean inference (ms) in that second, and
   * the rendering tier drawing now (Auto may have moved to Fast: see shared/domain/tryon/quality.ts).
   */
  | { readonly type: 'stats'; readonly fps: number; readonly sourceFps: number; readonly inferenceMs: number; readonly quality: QualityTier }
  | { readonly type: 'error'; readonly code: SourceErrorCode | 'model'; readonly message: string }
  | { readonly type: 'recovered' };

export type EngineListener = (event: EngineEvent) => void;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The engine's listeners: each event to each, in the order they subscribed. */
export class EngineEmitter {
  private readonly listeners = new Set<EngineListener>();

  on(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** The face tracker failed (`what`: to load, or to track), as the page is told. */
export function modelErrorEvent(what: string, error: unknown): EngineEvent {
  return { type: 'error', code: 'model', message: `${what}: ${messageOf(error)}` };
}

/** A source that could not be opened or read, as the page is told. */
export function sourceErrorEvent(error: unknown): EngineEvent {
  if (error instanceof SourceError) return { type: 'error', code: error.code, message: error.message };
  return { type: 'error', code: 'corrupt-file', message: messageOf(error) };
}

/** A caller-driven live source (`TryOnEngine.useFeed`). */
export interface FrameFeed {
  /** The next frame and its time (ms, for smoothing), or null when there is none yet. */
  next(): Readonly<{ frame: HTMLCanvasElement; timeMs: number }> | null;
  /** Called after each frame is drawn. */
  drawn(): void;
}
