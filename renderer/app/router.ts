import { useSyncExternalStore } from 'react';
import { parseRoute, type RouteIds } from './routes';

/**
 * The app's route is the URL path (`/drafts`, `/studio`, later `/anchor/<id>`), so a reload, the
 * back button and deep links land on the same page. The run token's query is dropped once read.
 */
const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

export function useRoute(): string {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => location.pathname,
  );
}

/** The id in the current path when it is on `page` (`useRouteId('preview')` on `/preview/x` → `x`), else null. */
export function useRouteId<P extends keyof RouteIds>(page: P): RouteIds[P] | null {
  const route = parseRoute(useRoute());
  return route.section === page ? (route.id as RouteIds[P] | null) : null;
}
