import { studioClient } from '../client/studio-client';
import { syncedStore, useStore } from '../client/synced-store';
import { setLanguage, storeChoice, storedChoice, type LanguageChoice } from './i18n';

/**
 * Settings → Language: the `language` setting ('system' or a language), applied at once. The
 * setting lives main-side with the others; a copy in the page's storage lets the first paint use
 * it before the setting has been read.
 */
// Counts the creator's own choices: a read sent before one of them is stale when it arrives (a
// pick made while the first read was in flight used to be undone by it, back to the old language).
let picks = 0;
const choice = syncedStore<LanguageChoice>(storedChoice(), () => {
  const before = picks;
  void studioClient()
    .settings.get()
    .then((r) => r.ok && picks === before && apply(r.value.language));
});

function apply(next: LanguageChoice): void {
  storeChoice(next);
  setLanguage(next);
  choice.set(next);
}

export const languageStore = {
  get: choice.get,
  subscribe: choice.subscribe,
  /** Reads the setting (the app shell calls this at start, before anything shows the choice). */
  start: (): void => void choice.subscribe(() => undefined),
  /** Applies at once; a refused save puts the previous choice back and says why. */
  async set(next: LanguageChoice): Promise<string | null> {
    const before = choice.get();
    picks++;
    apply(next);
    const result = await studioClient().settings.set({ language: next });
    if (result.ok) return null;
    apply(before);
    return result.error.message;
  },
};

export const useLanguageChoice = (): LanguageChoice => useStore(choice);
