import { useCallback, useEffect, useState } from 'react';
import { CUSTOMIZATION_EVENT_TYPE, orderRoutes, type CreatorPage } from '@shared/protocol/orders';
import { call } from '../../client/api';
import { usePublicEvent } from '../../client/public-events';
import { isCustomizationFor } from './order-view';

/**
 * A creator's page (profile, service, rating, comments), kept current: a `customization.updated`
 * on the public topic (re-published, switched off, exited) applies its state at once and reloads
 * the rest. No polling.
 */
export function useCreatorPage(handle: string): Readonly<{ page: CreatorPage | null; error: unknown; retry: () => void }> {
  const [page, setPage] = useState<CreatorPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    call(orderRoutes.creatorPage, { params: { handle }, signal: abort.signal }).then(
      (answer) => {
        setPage(answer);
        setError(null);
      },
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e);
      },
    );
    return () => abort.abort();
  }, [handle, generation]);
  usePublicEvent((event) => {
    if (event.type !== CUSTOMIZATION_EVENT_TYPE || !isCustomizationFor(event.data, handle, page?.creator.id ?? null)) return;
    const { receiving, state } = event.data;
    // What the event says applies before the reload answers (the form becomes read-only at once).
    setPage((current) =>
      current?.customization && typeof receiving === 'boolean' && (state === 'published' || state === 'exited' || state === 'draft' || state === 'never')
        ? { ...current, customization: { ...current.customization, receiving, state } }
        : current,
    );
    setGeneration((g) => g + 1);
  });
  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  return { page, error, retry };
}
