import { currentLanguage } from '../../i18n/i18n';

const times = new Map<string, Intl.DateTimeFormat>();

/** A time of day in the interface language: "08:31:05". */
export function formatTime(ms: number, locale: string = currentLanguage()): string {
  let format = times.get(locale);
  if (!format) times.set(locale, (format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  return format.format(ms);
}
