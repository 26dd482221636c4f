import { describe, expect, it } from 'vitest';
import shipped from '../../resources/catalog/catalog.json';
import { Catalog } from '@shared/catalog/schema';
import { FAILURE_TEXT } from '@shared/ipc/failure-catalog';
import { NOTICE_KEYS } from '@shared/ipc/nouns/app';
import { itemName, shadeLabel } from './catalog-names';
import { i18n, languageFor, LANGUAGES, resources, type Language } from './i18n';

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`. */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value as object, full)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string): string => key.replace(PLURAL, '');
const catalogs = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(resources[l].translation)])) as Record<Language, Map<string, string>>;

/** Keys without plural suffixes, and for each plural key the forms it has. */
function shape(catalog: Map<string, string>): { plain: Set<string>; plurals: Map<string, Set<string>> } {
  const plain = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  for (const key of catalog.keys()) {
    const form = PLURAL.exec(key)?.[1];
    if (!form) plain.add(key);
    else plurals.set(baseOf(key), (plurals.get(baseOf(key)) ?? new Set()).add(form));
  }
  return { plain, plurals };
}

/** `{{name}}` placeholders and `<b>` tags: a translation must keep every one of them. */
const tokens = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<\/?(\w+)>/g)].map((m) => m[0].replace(/\s/g, '')).sort();

const shippedCatalog = Catalog.parse(shipped);

describe('the string catalogs', () => {
  const en = shape(catalogs.en);

  for (const language of LANGUAGES) {
    const mine = shape(catalogs[language]);
    it(`${language} has every key English has and no other`, () => {
      expect(
        [...en.plain].filter((k) => !mine.plain.has(k)),
        'missing',
      ).toEqual([]);
      expect(
        [...mine.plain].filter((k) => !en.plain.has(k)),
        'extra',
      ).toEqual([]);
      expect(
        [...en.plurals.keys()].filter((k) => !mine.plurals.has(k)),
        'missing plurals',
      ).toEqual([]);
      expect(
        [...mine.plurals.keys()].filter((k) => !en.plurals.has(k)),
        'extra plurals',
      ).toEqual([]);
    });

    it(`${language} has every sentence main sends as a notice key`, () => {
      const has = (key: string): boolean => mine.plain.has(key) || mine.plurals.has(key);
      expect(
        NOTICE_KEYS.filter((k) => !has(`notices.${k}`)),
        'missing notice keys',
      ).toEqual([]);
    });

    it(`${language} has every sentence main refuses with (shared/ipc/failure-catalog.ts), English word for word`, () => {
      const keys = [...flatten(FAILURE_TEXT)].map(([k, english]) => [`failures.${k}`, english] as const);
      expect(keys.length).toBeGreaterThan(50);
      expect(
        keys.filter(([k]) => !mine.plain.has(k)).map(([k]) => k),
        'missing failure keys',
      ).toEqual([]);
      if (language === 'en') for (const [k, english] of keys) expect(catalogs.en.get(k), k).toBe(english);
    });

    it(`${language} names every catalog item and shade (resources/catalog), English as the catalog writes them`, () => {
      const missing: string[] = [];
      for (const item of shippedCatalog.items) {
        const keys = [[`catalogItems.${item.id}.name`, item.name], ...item.attributes.map((a) => [`catalogItems.${item.id}.shades.${a.id}`, a.label])] as const;
        for (const [key, english] of keys) {
          if (!mine.plain.has(key)) missing.push(key);
          else if (language === 'en') expect(catalogs.en.get(key), key).toBe(english);
        }
      }
      expect(missing, 'missing catalog names').toEqual([]);
    });

    it(`${language} plural keys have exactly the forms the language uses`, () => {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
      for (const [key, forms] of mine.plurals) expect([...forms].sort(), key).toEqual(needed);
    });

    it(`${language} keeps every placeholder and tag of the English text, and no string is empty`, () => {
      for (const [key, text] of catalogs[language]) {
        expect(text.trim(), key).not.toBe('');
        const english = catalogs.en.get(key) ?? catalogs.en.get(`${baseOf(key)}_other`)!;
        expect(tokens(text), key).toEqual(tokens(english));
      }
    });
  }
});

/**
 * Every `t('…')` / `i18nKey="…"` in the renderer (`asked`), every dotted string literal (`mentioned`:
 * keys chosen by a ternary before `t`), and the prefixes of keys built at run time (`` t(`a.${x}`) ``).
 */
function usedKeys(): { asked: Set<string>; mentioned: Set<string>; prefixes: Set<string> } {
  // Vite reads the sources (the renderer has no `node:fs`); the catalogs themselves do not count.
  const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!./locales/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  const asked = new Set<string>();
  const mentioned = new Set<string>();
  const prefixes = new Set<string>();
  for (const source of Object.values(sources)) {
    for (const m of source.matchAll(/\bt\(\s*'([\w.-]+)'|i18nKey="([\w.-]+)"/g)) asked.add(m[1] ?? m[2]!);
    for (const m of source.matchAll(/'([a-zA-Z]+(?:\.[\w-]+)+)'/g)) mentioned.add(m[1]!);
    for (const m of source.matchAll(/\bt\(\s*`([\w.-]+\.)\$\{/g)) prefixes.add(m[1]!);
  }
  return { asked, mentioned, prefixes };
}

describe('keys in the code', () => {
  const { asked, mentioned, prefixes } = usedKeys();
  const known = new Set([...catalogs.en.keys()].map(baseOf));

  it('every key the code asks for exists', () => {
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked].filter((k) => !known.has(k))).toEqual([]);
    for (const prefix of prefixes)
      expect(
        [...known].some((k) => k.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it('no English key goes unused', () => {
    const unused = [...known].filter((k) => !asked.has(k) && !mentioned.has(k) && ![...prefixes].some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });
});

describe('catalog names', () => {
  it('follow the language, and fall back to the catalog’s own name for an item the tables do not know', async () => {
    const item = { id: 'satin-stick', name: 'Satin Stick' };
    await i18n.changeLanguage('zh-CN');
    expect(itemName(item)).toBe('缎光唇膏');
    expect(shadeLabel(item, { id: 'deep-plum', label: 'Deep Plum' })).toBe('深梅');
    expect(itemName({ id: 'new-item', name: 'New Item' })).toBe('New Item');
    await i18n.changeLanguage('en');
    expect(itemName(item)).toBe('Satin Stick');
  });
});

describe('language choice', () => {
  it('follows the first supported system language', () => {
    expect(languageFor(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(languageFor(['zh-Hans-SG'])).toBe('zh-CN');
    expect(languageFor(['fr-FR', 'en-GB'])).toBe('en');
    expect(languageFor(['de-DE'])).toBe('en');
    expect(languageFor([])).toBe('en');
  });

  it('switches every string at once, with plurals per language', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('drafts.count', { count: 1 })).toBe('本机共有 1 个草稿');
    await i18n.changeLanguage('en');
    expect(i18n.t('drafts.count', { count: 1 })).toBe('1 draft on this computer');
    expect(i18n.t('drafts.count', { count: 3 })).toBe('3 drafts on this computer');
  });
});
