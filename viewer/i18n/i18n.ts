import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languageFor, type Language } from '@shared/domain/languages';
import { en } from './en';
import { zhCN } from './zh-CN';

export { languageFor, type Language } from '@shared/domain/languages';
const KEY = 'anchor-viewer.language';

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // Storage refused: follow the browser.
  }
  return languageFor(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export const currentLanguage = (): Language => (i18n.language === 'zh-CN' ? 'zh-CN' : 'en');

export function toggleLanguage(): void {
  const next: Language = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // The choice still applies to this page.
  }
  void i18n.changeLanguage(next);
  document.documentElement.lang = next;
}

export const t = i18n.t.bind(i18n);
