import { i18n } from './i18n';

/** `t` with a key built from catalog ids (the i18n test checks every catalog id has one in both languages). */
const t = i18n.t.bind(i18n) as unknown as (key: string, options: Readonly<{ defaultValue: string }>) => string;

/** A catalog item's name in the interface language; the catalog's own name for an item the tables do not know yet. */
export const itemName = (item: Readonly<{ id: string; name: string }>): string => t(`catalogItems.${item.id}.name`, { defaultValue: item.name });

/** A shade's label in the interface language; the catalog's own label when the tables do not know it. */
export const shadeLabel = (item: Readonly<{ id: string }>, shade: Readonly<{ id: string; label: string }>): string => t(`catalogItems.${item.id}.shades.${shade.id}`, { defaultValue: shade.label });
