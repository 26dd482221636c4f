import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether the 9:16 framing guide is shown over the stage: one choice for Studio and Shoot, kept
 * across reloads in this browser profile (a view preference, not a studio setting).
 */
const KEY = 'anchor-studio.portrait-guide';
const listeners = new Set<() => void>();
/** The choice when storage is refused (private mode): kept until the page reloads. */
let fallback = false;

function read(): boolean {
  try {
    const stored = localStorage.getItem(KEY);
    return stored === null ? fallback : stored === 'on';
  } catch {
    return fallback;
  }
}

export function usePortraitGuide(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore((fn) => {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }, read);
  const set = useCallback((next: boolean): void => {
    fallback = next;
    try {
      localStorage.setItem(KEY, next ? 'on' : 'off');
    } catch {
      // Storage refused: the fallback above holds the choice.
    }
    listeners.forEach((l) => l());
  }, []);
  return [on, set];
}
