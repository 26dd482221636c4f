import { useEffect, useState, type RefObject } from 'react';
import type { QualitySetting, QualityTier } from '@shared/domain/tryon/quality';
import type { TryOnEngine } from '../../tryon/engine';
import type { EngineEvent, SourceKind } from '../../tryon/engine-events';
import type { TrackerInfo } from '../../tryon/tracker';
import { renderingQualityOf, useSettings } from '../settings/settings-store';
import { cameraMemory } from './camera-memory';
import { trackerInfo } from './tracker-info';

export interface TryOnState {
  readonly tracker: TrackerInfo | null;
  readonly source: { readonly kind: SourceKind; readonly width: number; readonly height: number } | null;
  /** null until the first tracked frame of a source. */
  readonly face: boolean | null;
  readonly stats: { readonly fps: number; readonly inferenceMs: number } | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Settings → Rendering quality as applied, and the tier drawing now (Auto may have chosen Fast); null until applied. */
  readonly quality: { readonly setting: QualitySetting; readonly tier: QualityTier } | null;
}

const INITIAL: TryOnState = { tracker: null, source: null, face: null, stats: null, error: null, quality: null };

/** The engine's quality after `setQuality` (its tier may change later: `stats` reports it). */
type QualityApplied = { readonly type: 'quality'; readonly setting: QualitySetting; readonly tier: QualityTier };

/** Low-rate engine events folded into page state (never per frame). */
export function reduceTryOn(state: TryOnState, event: EngineEvent | QualityApplied): TryOnState {
  switch (event.type) {
    case 'quality':
      return { ...state, quality: { setting: event.setting, tier: event.tier } };
    case 'ready':
      return { ...state, tracker: event.tracker };
    case 'source':
      return { ...state, source: { kind: event.kind, width: event.width, height: event.height }, face: null, stats: null, error: null };
    case 'face':
      return { ...state, face: event.present };
    case 'stats':
      return {
        ...state,
        stats: { fps: event.fps, inferenceMs: event.inferenceMs },
        quality: state.quality && state.quality.tier !== event.quality ? { ...state.quality, tier: event.quality } : state.quality,
      };
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

/**
 * Creates the engine for the canvas once, tears it down on unmount, mirrors its events, and applies
 * Settings → Rendering quality to it when the settings arrive or change (Studio and Shoot alike).
 */
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
        setState((s) => reduceTryOn(s, event));
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

  const quality = renderingQualityOf(useSettings());
  useEffect(() => {
    if (!engine || quality === null) return;
    engine.setQuality(quality);
    setState((s) => reduceTryOn(s, { type: 'quality', ...engine.quality }));
  }, [engine, quality]);

  return { engine, state };
}
