import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CatalogItem } from '@shared/catalog/schema';
import { studioLookFromQuery } from '../../publishing/open-studio';
import { lookHandoff } from '../../recording/look-handoff';
import { lookIdsOf, type LookLayerIds } from '@shared/domain/tryon/look-ids';
import { historyKey, openLook, openingPlan, requestKey, StudioLookState, type LookRequest, type StudioLookView } from './studio-look';

/**
 * The look worn when the creator last left the Studio, with its undo history, and the item/shade
 * handed to Shoot at that moment. Module state on purpose (as lookHandoff): pages share one document.
 */
let kept: { state: StudioLookState; handoff: string } | null = null;

/**
 * The look kept between pages: the one worn before (with its undo history) when there is one, the
 * item handed over when it changed since, else a new look from what is `asked` or handed over.
 * Leaving the page keeps it again, with the item/shade handed over at that moment.
 */
function useKeptLook(items: readonly CatalogItem[], asked: LookRequest | null): { state: StudioLookState; view: StudioLookView } {
  const [opening] = useState(() => {
    const plan = openingPlan(asked, kept, lookHandoff.get());
    const state = plan.reuse && kept ? kept.state : new StudioLookState();
    // Kept at once, not only when the page is left: the next page renders (and reads `kept`)
    // before this one's clean-up runs. What is handed over now is taken into account by the plan.
    kept = { state, handoff: requestKey(lookHandoff.get()) };
    return { plan, state };
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

  return { state, view: useSyncExternalStore(state.subscribe, state.getView) };
}

/**
 * The Studio's look state. It opens with an anchor's look (`/studio?item=…`), else the look worn
 * before (back from Shoot with the shade chosen there), else the item handed over, else nothing.
 */
export function useStudioLook(items: readonly CatalogItem[]): { state: StudioLookState; view: StudioLookView } {
  const { state, view } = useKeptLook(items, studioLookFromQuery(location.search));

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

  return { state, view };
}

/**
 * Shoot's and the Live page's look: the very look the Studio had (same state, so its layers, shades,
 * intensities and undo history), or the item handed over (Re-shoot, a first visit). What changes here
 * is the look the Studio finds when the creator goes back; the current layer is kept handed over, so
 * Re-shoot sees it and the Studio does not take it for a new item.
 */
export function useCarriedLook(items: readonly CatalogItem[]): { state: StudioLookState; view: StudioLookView } {
  const shoot = useKeptLook(items, null);
  const { state } = shoot;
  const current = shoot.view.current;
  const itemId = current?.item.id ?? null;
  const attributeId = current?.attributeId ?? null;
  useEffect(() => {
    // The opening plan read the handoff when the page opened, so keeping it in step from here on
    // loses nothing (a Re-shoot's item is still put on once the catalog is there). The kept look
    // has this layer already: the Studio must not put it on again as if handed a new item.
    if (itemId === null) return;
    lookHandoff.set({ itemId, attributeId });
    if (kept?.state === state) kept = { state, handoff: requestKey(lookHandoff.get()) };
  }, [itemId, attributeId, state]);
  return shoot;
}

/** The ids of the last view asked for, so a take that asks ten times a second gets the same array. */
let idsOf: { view: StudioLookView; ids: LookLayerIds[] } | null = null;

/**
 * What is worn now, as a take records it (Shoot's and the Live page's ask at the start and then ten
 * times a second; a photo video too): the carried look's current layer and its layers' ids, else
 * (no page has opened the look yet) the item handed over.
 */
export function carriedLook(): { itemId: string | null; attributeId: string | null; look?: LookLayerIds[] } {
  const view = kept?.state.view;
  if (!view) {
    const { itemId, attributeId } = lookHandoff.get();
    return { itemId, attributeId };
  }
  if (idsOf?.view !== view) idsOf = { view, ids: lookIdsOf(view.look) };
  return { itemId: view.current?.item.id ?? null, attributeId: view.current?.attributeId ?? null, look: idsOf.ids };
}
