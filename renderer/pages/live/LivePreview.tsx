import { useEffect, useRef, type ReactNode } from 'react';
import { lookHandoff } from '../../recording/look-handoff';
import type { TryOnEngine } from '../../tryon/engine';
import { useCatalog } from '../studio/catalog-store';
import { Stage } from '../studio/Stage';
import { StageStatus } from '../studio/StageStatus';
import { useCarriedLook } from '../studio/use-studio-look';
import { useTryOn } from '../studio/use-try-on';

export type LivePreviewProps = Readonly<{
  /** The engine once it exists (for a snapshot of the canvas), null when it goes. */
  onEngine: (engine: TryOnEngine | null) => void;
  /** Overlays over the preview (the gift alert). */
  children?: ReactNode;
}>;

/**
 * The try-on canvas with the look worn in Studio, whole (all its layers, as Shoot wears it), on the
 * same Stage, engine hook and status; the source carried over from Studio (lookHandoff), else the camera.
 */
export function LivePreview({ onEngine, children }: LivePreviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { engine, state } = useTryOn(canvas);
  const { items } = useCatalog();
  const { view } = useCarriedLook(items);
  const { file } = lookHandoff.get();

  useEffect(() => onEngine(engine), [engine, onEngine]);
  useEffect(() => {
    if (!engine) return;
    if (file) void engine.useFile(file);
    else void engine.useCamera(null, '720p');
  }, [engine, file]);
  useEffect(() => void engine?.setLayers(view.look), [engine, view.look]);
  useEffect(() => engine?.setMirror(state.source?.kind === 'camera'), [engine, state.source?.kind]);

  return (
    <Stage canvas={canvas} size={state.source} className="live-stage">
      <StageStatus state={state} hasSource={state.source !== null} />
      {children}
    </Stage>
  );
}
