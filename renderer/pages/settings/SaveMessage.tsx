import { useState } from 'react';
import type { SettingsPatch } from '@shared/ipc/nouns/settings';
import { settingsStore } from './settings-store';

/** How a settings group's last save went, in the group's own words; null before any. */
export type SaveNote = { readonly tone: 'info' | 'error'; readonly text: string } | null;

/** A settings group's last save, said under it: a status when saved, an alert when refused. */
export function SaveMessage({ note }: Readonly<{ note: SaveNote }>) {
  if (!note) return null;
  return (
    <p className={note.tone === 'error' ? 'form-error' : 'hotkeys__saved'} role={note.tone === 'error' ? 'alert' : 'status'}>
      {note.text}
    </p>
  );
}

/**
 * A group that saves at once (Hands-free, Rendering quality): `save` sends the patch and says how it
 * went with `saved` or `failed(the refusal's message)`.
 */
export function useSaveAtOnce(saved: string, failed: (message: string) => string): { note: SaveNote; save: (patch: SettingsPatch) => Promise<void> } {
  const [note, setNote] = useState<SaveNote>(null);
  const save = async (patch: SettingsPatch): Promise<void> => {
    setNote(null);
    const result = await settingsStore.save(patch);
    setNote(result.ok ? { tone: 'info', text: saved } : { tone: 'error', text: failed(result.error.message) });
  };
  return { note, save };
}
