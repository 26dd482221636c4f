import { z } from 'zod';
import { KeyedText } from '../domain/keyed-text';
import { FAILURE_TEXT } from './failure-catalog';

type Table = typeof FAILURE_TEXT;

/** `'drafts.gone' | 'imports.stopped' | …`: every sentence of the table by its dotted path. */
type PathsOf<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : PathsOf<T[K], `${P}${K}.`>;
}[keyof T & string];
export type FailureKey = PathsOf<Table>;

type TextAt<T, K extends string> = K extends `${infer H}.${infer R}` ? (H extends keyof T ? TextAt<T[H], R> : never) : K extends keyof T ? T[K] : never;
type Placeholders<S> = S extends `${string}{{${infer P}}}${infer R}` ? P | Placeholders<R> : never;

/** The values a sentence's `{{…}}` placeholders need, no more and no fewer. */
export type FailureParams<K extends FailureKey> = { readonly [P in Placeholders<TextAt<Table, K>>]: string | number };

/**
 * A failure's sentence as data: its key in the table and the values of its placeholders. One member
 * per key, so `{ key: 'imports.stopped' }` without its `received` and `size` does not compile.
 */
export type FailureText = {
  [K in FailureKey]: [Placeholders<TextAt<Table, K>>] extends [never] ? { readonly key: K; readonly params?: undefined } : { readonly key: K; readonly params: FailureParams<K> };
}[FailureKey];

/** What crosses the boundary: a key (not trusted to be known by the receiver) and plain values. */
export const FailureTextWire = KeyedText;

/**
 * A sentence kept to be shown later (a post job's last error): main's English, with its key and
 * params when it is keyed, so the renderer can say it in the user's language. A StudioError is a
 * note with a code.
 */
export interface FailureNote {
  readonly message: string;
  readonly key?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export const FailureNoteWire = FailureTextWire.extend({ key: FailureTextWire.shape.key.optional(), message: z.string().max(2000) });

/** A note from a keyed sentence (its English beside the key) or from a plain English message. */
export function failureNote(text: FailureText | string): FailureNote {
  if (typeof text === 'string') return { message: text };
  return text.params ? { message: englishFailure(text), key: text.key, params: text.params } : { message: englishFailure(text), key: text.key };
}

/** The English template of a key, or undefined for a key this build does not know. */
export function failureTemplate(key: string): string | undefined {
  let node: unknown = FAILURE_TEXT;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills `{{name}}` from params; a placeholder without a value stays as written, so nothing is silently dropped. */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** The English sentence of a failure (logs, tests, and the fallback a renderer shows for a key it lacks). */
export function englishFailure(text: FailureText): string {
  const template = failureTemplate(text.key);
  return template === undefined ? text.key : fillTemplate(template, text.params);
}
