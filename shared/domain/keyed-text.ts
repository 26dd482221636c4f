import { z } from 'zod';

/**
 * A sentence as data: a key of a text table and the values of its placeholders, as it crosses a
 * boundary or is stored (a receiver may not know the key, so it is only a bounded string here).
 * The studio's failure sentences (shared/ipc/failure-text.ts) and a draft's stored status detail
 * travel in this shape.
 */
export const KeyedText = z.object({
  key: z.string().max(120),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type KeyedText = z.output<typeof KeyedText>;

/** A stored key column (JSON) back as a keyed text; null when absent or not valid (the plain sentence is then shown). */
export function parseKeyedText(json: string | null): KeyedText | null {
  if (json === null) return null;
  try {
    const parsed = KeyedText.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A keyed text as its stored JSON (null for none). */
export const keyedTextJson = (text: Readonly<{ key?: string; params?: Readonly<Record<string, string | number>> }> | null): string | null =>
  text?.key === undefined ? null : JSON.stringify(text.params ? { key: text.key, params: text.params } : { key: text.key });
