import { useEffect, useRef } from 'react';
import { actionOf, type HotkeyAction, type RecordingHotkeys } from '@shared/domain/recording/hotkeys';

// One reading of the shortcuts for the Studio, Shoot and Settings pages: the settings store's.
export { useRecordingHotkeys } from '../settings/settings-store';

/**
 * Runs `onAction` when a recording shortcut is pressed anywhere on the page. Every shortcut has a
 * modifier, so typing in a field is not taken; a press on a shortcut field in Settings is its own.
 */
export function useHotkeyActions(hotkeys: RecordingHotkeys, onAction: (action: HotkeyAction) => void): void {
  const latest = useRef(onAction);
  latest.current = onAction;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.repeat || (e.target as HTMLElement | null)?.closest?.('[data-hotkey-capture]')) return;
      const action = actionOf(hotkeys, e);
      if (!action) return;
      e.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hotkeys]);
}

/** "Record (Alt+R)" for a tooltip; the label alone when the shortcut is off. */
export const withShortcut = (label: string, hotkey: string | null): string => (hotkey ? `${label} (${hotkey})` : label);

/** aria-keyshortcuts names keys as the DOM does: "Ctrl" is "Control". */
export const ariaShortcut = (hotkey: string | null): string | undefined => (hotkey ? hotkey.replace('Ctrl+', 'Control+') : undefined);
