import { useEffect, useState, type RefObject } from 'react';
import type { TryOnEngine } from '../../tryon/engine';
import type { EngineEvent, SourceKind } from '../../tryon/engine-events';
import type { TrackerInfo } from '../../tryon/tracker';
import { cameraMemory } from './camera-memory';
import { trackerInfo } from './tracker-info';

export interface TryOnState {
  readonly tracker: TrackerInfo | null;
  readonly source: { readonly kind: SourceKind; readonly width: number; readonly height: number } | null;
  /** null until the first tracked frame of a source. */
  readonly face: boolean | null;
  readonly stats: { readonly fps: number; readonly inferenceMs: number } | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

const INITIAL: TryOnState = { tracker: null, source: null, face: null, stats: null, error: null };

/** Low-rate engine events folded into page state (never per frame). */
function reduce(state: TryOnState, event: EngineEvent): TryOnState {
  switch (event.type) {
    case 'ready':
      return { ...state, tracker: event.tracker };
    case 'source':
      return { ...state, source: { kind: event.kind, width: event.width, height: event.height }, face: null, stats: null, error: null };
    case 'face':
      return { ...state, face: event.present };
    case 'stats':
      return { ...state, stats: { fps: event.fps, inferenceMs: event.inferenceMs } };
    case 'error':
      return { ...state, error: { code: event.code, message: event.message }, ...(event.code === 'camera-lost' ? { source: null, face: null } : {}) };
    case 'recovered':
      return { ...state, error: null };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** Creates the engine for the canvas once, tears it down on unmount, and mirrors its events. */
export function useTryOn(canvas: RefObject<HTMLCanvasElement | null>): { engine: TryOnEngine | null; state: TryOnState } {
  const [engine, setEngine] = useState<TryOnEngine | null>(null);
  const [state, setState] = useState<TryOnState>(INITIAL);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let created: TryOnEngine | null = null;
    let cancelled = false;
    // tfjs and three are a separate chunk, loaded when the Studio opens, not with the shell.
    void import('../../tryon/engine').then(({ TryOnEngine }) => {
      if (cancelled) return;
      created = new TryOnEngine(element);
      created.on((event) => {
        if (event.type === 'ready') trackerInfo.set(event.tracker);
        if (event.type === 'source') (event.kind === 'camera' ? cameraMemory.started : cameraMemory.fileChosen)();
        setState((s) => reduce(s, event));
      });
      setEngine(created);
      void created.start();
    });
    return () => {
      cancelled = true;
      created?.dispose();
      setEngine(null);
      setState(INITIAL);
    };
  }, [canvas]);

  return { engine, state };
}
