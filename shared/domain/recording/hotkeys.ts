import { z } from 'zod';

/**
 * Recording shortcuts (record/stop, pause/resume, take photo), configurable in Settings like OBS
 * hotkeys. A hotkey is written `Ctrl+Alt+Shift+Meta+KEY` (modifiers in that order, each optional),
 * KEY being a letter, a digit, F1–F12 or Space, taken from `KeyboardEvent.code` so the layout and
 * the Alt/Option characters of macOS do not change it.
 */
const HOTKEY_PATTERN = /^(Ctrl\+)?(Alt\+)?(Shift\+)?(Meta\+)?([A-Z0-9]|F[1-9]|F1[0-2]|Space)$/;

export const Hotkey = z.string().max(40).regex(HOTKEY_PATTERN, 'a shortcut is modifiers (Ctrl, Alt, Shift, Meta, in that order) and a letter, digit, F1–F12 or Space, e.g. "Alt+R"');
export type Hotkey = z.output<typeof Hotkey>;

export const HOTKEY_ACTIONS = ['recordStop', 'pause', 'photo'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

/** null turns an action's shortcut off. Two actions never share one shortcut. */
export const RecordingHotkeys = z.object({ recordStop: Hotkey.nullable(), pause: Hotkey.nullable(), photo: Hotkey.nullable() }).refine((h) => {
  const set = HOTKEY_ACTIONS.map((a) => h[a]).filter((k): k is string => k !== null);
  return new Set(set).size === set.length;
}, 'two actions cannot share one shortcut');
export type RecordingHotkeys = z.output<typeof RecordingHotkeys>;

/** With a modifier, so typing in a field or the browser's own keys (Ctrl+R reloads) are not taken. */
export const DEFAULT_HOTKEYS: RecordingHotkeys = Object.freeze({ recordStop: 'Alt+R', pause: 'Alt+P', photo: 'Alt+T' });

/** The keyboard event's fields a hotkey is read from (a DOM KeyboardEvent has them all). */
export type KeyPress = Readonly<{ code: string; ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }>;

/** The hotkey a key press spells, or null for a press that cannot be one (a lone modifier, an arrow…). */
export function hotkeyOf(press: KeyPress): Hotkey | null {
  const key = /^Key([A-Z])$/.exec(press.code)?.[1] ?? /^Digit([0-9])$/.exec(press.code)?.[1] ?? (/^F([1-9]|1[0-2])$/.test(press.code) || press.code === 'Space' ? press.code : null);
  if (key === null) return null;
  const text = `${press.ctrlKey ? 'Ctrl+' : ''}${press.altKey ? 'Alt+' : ''}${press.shiftKey ? 'Shift+' : ''}${press.metaKey ? 'Meta+' : ''}${key}`;
  const parsed = Hotkey.safeParse(text);
  return parsed.success ? parsed.data : null;
}

/** Which action a key press triggers under these settings, if any. */
export function actionOf(hotkeys: RecordingHotkeys, press: KeyPress): HotkeyAction | null {
  const key = hotkeyOf(press);
  if (key === null) return null;
  return HOTKEY_ACTIONS.find((a) => hotkeys[a] === key) ?? null;
}
