/**
 * The interface languages the studio and the viewer app are written in (English and Simplified
 * Chinese), and how a system's preferences pick one; the platform's sentences come in the same.
 */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The first supported language among a system's or browser's preferences (BCP 47 tags); English otherwise. */
export function languageFor(tags: readonly string[]): Language {
  for (const tag of tags) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    // Only Simplified Chinese is written; a Traditional-Chinese reader still reads it better than English.
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
