/**
 * The shape another language's catalog must have, derived from the English one: the same sections
 * and keys, any text. Plural keys are per language (English `_one` + `_other`, Chinese only
 * `_other`), so `_one` is optional here; `i18n.test.ts` checks each language's plural forms.
 */
export type Catalog<T> = {
  readonly [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Catalog<T[K]>;
} & {
  readonly [K in keyof T as K extends `${string}_one` ? K : never]?: string;
};
