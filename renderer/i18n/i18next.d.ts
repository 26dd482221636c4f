import 'i18next';
import type { en } from './locales/en';

// Keys are checked at compile time against the English catalog (the reference language).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
