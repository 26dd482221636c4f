import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CatalogItem } from '@shared/catalog/schema';
import { studioLookFromQuery } from '../../publishing/open-studio';
import { lookHandoff } from '../../recording/look-handoff';
import { historyKey, openLook, openingPlan, requestKey, StudioLookState, type StudioLookView } from './studio-look';

/**
 * The look worn when the creator last left the Studio, with its undo history, and the item/shade
 * handed to Shoot at that moment. Module state on purpose (as lookHandoff): pages share one document.
 */
let kept: { state: StudioLookState; handoff: string } | null = null;

/**
 * The Studio's look state. It opens with an anchor's look (`/studio?item=…`), else the look worn
 * before (back from Shoot with the shade chosen there), else the item handed over, else nothing.
 */
export function useStudioLook(items: readonly CatalogItem[]): { state: StudioLookState; view: StudioLookView } {
  const [opening] = useState(() => {
    const plan = openingPlan(studioLookFromQuery(location.search), kept, lookHandoff.get());
    return { plan, state: plan.reuse && kept ? kept.state : new StudioLookState() };
  });
  const { state } = opening;
  const opened = useRef(false);
  const ready = items.length > 0;

  useEffect(() => {
    if (!ready || opened.current) return;
    opened.current = true;
    openLook(state, items, opening.plan);
  }, [ready, opening, items, state]);

  useEffect(
    () => () => {
      kept = { state, handoff: requestKey(lookHandoff.get()) };
    },
    [state],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const intent = historyKey(e);
      const target = e.target as HTMLElement | null;
      // Text fields keep their own undo.
      if (!intent || (target && (target.closest('textarea, input:not([type="range"]):not([type="checkbox"]):not([type="radio"])') || target.isContentEditable))) return;
      e.preventDefault();
      if (intent === 'undo') state.undo();
      else state.redo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state]);

  return { state, view: useSyncExternalStore(state.subscribe, state.getView) };
}
