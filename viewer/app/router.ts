import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './routes';

/** History-API navigation: one store the pages read through `useRoute()`. */
const listeners = new Set<() => void>();
let current: { readonly key: string; readonly route: Route } = { key: '', route: { page: 'feed' } };

function snapshot(): { readonly key: string; readonly route: Route } {
  const key = location.pathname + location.search;
  if (key !== current.key) current = { key, route: parseRoute(location.pathname, location.search) };
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) removeEventListener('popstate', notify);
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function navigate(path: string, options: Readonly<{ replace?: boolean }> = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  scrollTo(0, 0);
  notify();
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot).route;
}

/** The current path and query (for "come back here after signing in"). */
export const currentPath = (): string => location.pathname + location.search;
