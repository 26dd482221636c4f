import { describe, expect, it } from 'vitest';
import { actionOf, DEFAULT_HOTKEYS, Hotkey, hotkeyOf, RecordingHotkeys } from './hotkeys';

const press = (code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({ code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('recording hotkeys', () => {
  it('reads a key press as modifiers in a fixed order and the physical key', () => {
    expect(hotkeyOf(press('KeyR', { altKey: true }))).toBe('Alt+R');
    expect(hotkeyOf(press('Digit3', { shiftKey: true, ctrlKey: true }))).toBe('Ctrl+Shift+3');
    expect(hotkeyOf(press('F12'))).toBe('F12');
    expect(hotkeyOf(press('Space', { metaKey: true }))).toBe('Meta+Space');
    expect(hotkeyOf(press('ShiftLeft', { shiftKey: true }))).toBeNull();
    expect(hotkeyOf(press('ArrowLeft'))).toBeNull();
  });

  it('maps a press to the action configured for it', () => {
    expect(actionOf(DEFAULT_HOTKEYS, press('KeyR', { altKey: true }))).toBe('recordStop');
    expect(actionOf(DEFAULT_HOTKEYS, press('KeyP', { altKey: true }))).toBe('pause');
    expect(actionOf(DEFAULT_HOTKEYS, press('KeyT', { altKey: true }))).toBe('photo');
    expect(actionOf(DEFAULT_HOTKEYS, press('KeyR'))).toBeNull();
    expect(actionOf({ ...DEFAULT_HOTKEYS, recordStop: null }, press('KeyR', { altKey: true }))).toBeNull();
  });

  it('refuses malformed shortcuts and two actions on one key', () => {
    expect(Hotkey.safeParse('Shift+Alt+R').success).toBe(false);
    expect(Hotkey.safeParse('Alt+').success).toBe(false);
    expect(Hotkey.safeParse('Alt+r').success).toBe(false);
    expect(RecordingHotkeys.safeParse({ recordStop: 'Alt+R', pause: 'Alt+R', photo: null }).success).toBe(false);
    expect(RecordingHotkeys.safeParse({ recordStop: null, pause: null, photo: null }).success).toBe(true);
  });
});
