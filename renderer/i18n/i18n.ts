import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, languageFor, type Language } from '@shared/domain/languages';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

/**
 * The studio's strings: English and Simplified Chinese, one catalog each (`locales/`), sections per
 * page. The language follows the system unless the creator picks one in Settings.
 */
export { LANGUAGES, languageFor, type Language } from '@shared/domain/languages';
export type LanguageChoice = Language | 'system';

/** Each language's own name, shown the same whatever the interface language is. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文' };

export const systemLanguage = (): Language => languageFor(typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language]);

export const resolveLanguage = (choice: LanguageChoice): Language => (choice === 'system' ? systemLanguage() : choice);

const CHOICE_KEY = 'anchor-studio.language';

/**
 * The last known `language` setting, kept in the page's storage so the first paint is already in
 * the chosen language; `language-store.ts` reads the setting itself and keeps this copy current.
 */
export function storedChoice(): LanguageChoice {
  try {
    const stored = globalThis.localStorage?.getItem(CHOICE_KEY);
    return stored === 'en' || stored === 'zh-CN' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function storeChoice(choice: LanguageChoice): void {
  try {
    if (choice === 'system') globalThis.localStorage?.removeItem(CHOICE_KEY);
    else globalThis.localStorage?.setItem(CHOICE_KEY, choice);
  } catch {
    // Storage refused (private mode, quota): the choice still applies to this session.
  }
}

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

/**
 * The resources are bundled, so initialisation is synchronous: the first paint is already in the
 * right language.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: resolveLanguage(storedChoice()),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" for "&".
  interpolation: { escapeValue: false },
  returnNull: false,
});

const applyDocumentLanguage = (language: string): void => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
};
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

export const currentLanguage = (): Language => (i18n.language === 'zh-CN' ? 'zh-CN' : 'en');

export function setLanguage(choice: LanguageChoice): void {
  void i18n.changeLanguage(resolveLanguage(choice));
}

/** For modules outside React (stores, clients, messages built before render). */
export const t = i18n.t.bind(i18n);
