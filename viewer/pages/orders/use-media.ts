import { useSyncExternalStore } from 'react';

/** Whether a media query matches, following changes (the order form's steps on a small screen). */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      const list = matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    () => matchMedia(query).matches,
  );
}

/** The small-screen layout (the stylesheet's breakpoint is 760 px). */
export const useSmallScreen = (): boolean => useMedia('(max-width: 759px)');
