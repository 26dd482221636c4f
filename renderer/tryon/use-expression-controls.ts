import { useEffect, useRef, useState } from 'react';
import type { ExpressionTriggerSettings } from '@shared/ipc/nouns/settings';
import { ExpressionControls, playCue, type ExpressionActions, type ExpressionView, type TriggerSource } from './expression-controls';

const IDLE: ExpressionView = { countdown: false, fired: null };

/**
 * Hands-free triggers for a page: one controller per engine, fed the page's latest actions (a ref,
 * so the controller is not rebuilt on each render) and Settings → Hands-free. Returns its low-rate view.
 */
export function useExpressionControls(source: TriggerSource | null, actions: ExpressionActions, settings: ExpressionTriggerSettings | undefined): ExpressionView {
  const latest = useRef(actions);
  latest.current = actions;
  const [controls, setControls] = useState<ExpressionControls | null>(null);
  const [view, setView] = useState<ExpressionView>(IDLE);

  useEffect(() => {
    if (!source) return;
    const created = new ExpressionControls(
      source,
      {
        canPhoto: () => latest.current.canPhoto(),
        photo: () => latest.current.photo(),
        nextShade: () => latest.current.nextShade(),
        nextItem: () => latest.current.nextItem(),
      },
      { setTimer: (run, ms) => setTimeout(run, ms), clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>), sound: playCue },
    );
    const unsubscribe = created.subscribe(setView);
    setControls(created);
    return () => {
      unsubscribe();
      created.dispose();
      setControls(null);
      setView(IDLE);
    };
  }, [source]);

  useEffect(() => controls?.setSettings(settings), [controls, settings]);

  return view;
}
