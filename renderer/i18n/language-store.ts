import { useSyncExternalStore } from 'react';
import { studioClient } from '../client/studio-client';
import { setLanguage, storeChoice, storedChoice, type LanguageChoice } from './i18n';

/**
 * Settings → Language: the `language` setting ('system' or a language), applied at once. The
 * setting lives main-side with the others; a copy in the page's storage lets the first paint use
 * it before the setting has been read.
 */
function createLanguageStore() {
  let choice: LanguageChoice = storedChoice();
  let started = false;
  const subscribers = new Set<() => void>();
  const apply = (next: LanguageChoice): void => {
    choice = next;
    storeChoice(next);
    setLanguage(next);
    for (const s of subscribers) s();
  };
  return {
    get: (): LanguageChoice => choice,
    /** Reads the setting once (the app shell calls this at start). */
    start(): void {
      if (started) return;
      started = true;
      void studioClient()
        .settings.get()
        .then((r) => r.ok && r.value.language !== choice && apply(r.value.language));
    },
    /** Applies at once; a refused save puts the previous choice back and says why. */
    async set(next: LanguageChoice): Promise<string | null> {
      const before = choice;
      apply(next);
      const result = await studioClient().settings.set({ language: next });
      if (result.ok) return null;
      apply(before);
      return result.error.message;
    },
    subscribe(fn: () => void): () => void {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

export const languageStore = createLanguageStore();

export const useLanguageChoice = (): LanguageChoice => useSyncExternalStore(languageStore.subscribe, languageStore.get);
