import { currentLanguage } from '../i18n/i18n';

/**
 * Numbers, sizes, dates and durations for people, in the interface language, through `Intl`.
 * One formatter per language and style, made on first use.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let found = cache.get(key) as F | undefined;
  if (!found) cache.set(key, (found = make()));
  return found;
}
const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));

/** 83_000 → "1:23"; 3_723_000 → "1:02:03" (a clock reads the same in every language we ship). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const BYTE_UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1536 → "1.5 KB" (en) / "1.5 kB" (zh-CN): binary steps, one decimal under 10. */
export function formatBytes(bytes: number, locale: string = currentLanguage()): string {
  // ICU's short "byte" is the whole word in English; "B" reads the same in both languages.
  if (bytes < 1024) return `${numberFormat(locale).format(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  return numberFormat(locale, { style: 'unit', unit: BYTE_UNITS[unit], unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export const formatDate = (ms: number, locale: string = currentLanguage()): string =>
  cached(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);

/** A plain number with the language's grouping: 12345 → "12,345". */
export const formatNumber = (value: number, locale: string = currentLanguage()): string => numberFormat(locale).format(value);

/** Whole percent, 0.42 → "42%" (zh-CN: "42%"). */
export const formatPercent = (fraction: number, locale: string = currentLanguage()): string =>
  numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.max(0, Math.min(1, fraction)));

/**
 * A length of time in its largest whole unit, for choices such as a take's maximum length:
 * 15 → "15 sec" / "15秒"; 120 → "2 min" / "2分钟". `long` spells the unit out ("2 minutes").
 */
export function formatSeconds(seconds: number, options: Readonly<{ long?: boolean; fractionDigits?: number }> = {}, locale: string = currentLanguage()): string {
  const unitDisplay = options.long ? 'long' : 'short';
  const digits = options.fractionDigits ?? 0;
  if (seconds >= 60 && seconds % 60 === 0) return numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay }).format(seconds / 60);
  return numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(seconds);
}
