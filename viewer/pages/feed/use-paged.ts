import { useCallback, useEffect, useRef, useState } from 'react';
import { appendPage, emptyPaged, hasMore, type Paged } from '../../client/pages';

/**
 * Loads a keyset-paged list: the first page at once, the next when `sentinel` scrolls into view
 * (IntersectionObserver, no scroll handler), one request at a time.
 */
export function usePaged<T extends { readonly id: string }>(load: (cursor: string | undefined) => Promise<{ items: readonly T[]; nextCursor: string | null }>, key: string) {
  const [paged, setPaged] = useState<Paged<T>>(emptyPaged);
  const [error, setError] = useState<unknown>(null);
  const loading = useRef(false);
  const current = useRef(paged);
  current.current = paged;
  const sentinel = useRef<HTMLDivElement | null>(null);

  const more = useCallback(async () => {
    if (loading.current || !hasMore(current.current)) return;
    loading.current = true;
    setError(null);
    try {
      const page = await load(current.current.nextCursor ?? undefined);
      setPaged((p) => appendPage(p, page));
    } catch (e) {
      setError(e);
    } finally {
      loading.current = false;
    }
    // `key` names the list; `load` is a new function each render and is read at call time.
  }, [key]);

  useEffect(() => {
    setPaged(emptyPaged());
    current.current = emptyPaged();
    void more();
  }, [more]);

  useEffect(() => {
    const node = sentinel.current;
    if (!node) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void more();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [more, paged]);

  return { paged, error, more, sentinel, setPaged };
}
