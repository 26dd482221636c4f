import type { z } from 'zod';
import type { StudioError } from '@shared/ipc/result';

/** What a form shows: a sentence at each field it concerns, and at most one for the whole form. */
export interface FormErrors {
  readonly fields: Readonly<Record<string, string>>;
  readonly form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/**
 * Turns an error envelope into sentences for people. A validation envelope reads
 * `account.register: ✖ A handle is 3 to 30 letters… → at handle` (zod's prettified issues after
 * the channel): each issue goes to its field when the form has one, else to the form. Other codes
 * keep the service's own sentence when it is one, without the channel prefix or internal marks.
 */
export function formErrors(error: StudioError, fields: readonly string[], fallback: string): FormErrors {
  const body = stripChannel(error.message);
  if (error.code === 'invalid_input') {
    const found: Record<string, string> = {};
    const loose: string[] = [];
    for (const issue of zodIssues(body)) {
      const field = issue.path && fields.includes(issue.path) ? issue.path : null;
      if (field) found[field] ??= issue.message;
      else loose.push(issue.message);
    }
    if (Object.keys(found).length > 0 || loose.length > 0) return { fields: found, form: loose.length > 0 ? sentence(loose.join(' ')) : null };
  }
  if (error.code === 'internal' || error.code === 'unknown_channel' || body.length === 0) return { fields: {}, form: fallback };
  return { fields: {}, form: sentence(body) };
}

/** A zod error from checking a form before it is sent (the same schema main checks with). */
export function schemaErrors(error: z.ZodError, fields: readonly string[]): FormErrors {
  const found: Record<string, string> = {};
  const loose: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (fields.includes(path)) found[path] ??= sentence(issue.message);
    else loose.push(issue.message);
  }
  return { fields: found, form: loose.length > 0 ? sentence(loose.join(' ')) : null };
}

/** `drafts.rename: …` → `…` (a channel is a word, a dot, a word, then a colon). */
function stripChannel(message: string): string {
  return message.replace(/^[a-zA-Z]+\.[a-zA-Z]+:\s*/, '').trim();
}

interface Issue {
  readonly message: string;
  readonly path: string | null;
}

/** zod's prettifyError lines: `✖ message` then, when the issue has a path, `  → at a.b`. */
function zodIssues(body: string): Issue[] {
  const issues: { message: string; path: string | null }[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('✖')) issues.push({ message: sentence(line.slice(1).trim()), path: null });
    else if (line.startsWith('→ at ') && issues.length > 0) issues.at(-1)!.path = line.slice(5).trim();
  }
  return issues;
}

/**
 * Capital first letter and a full stop, as the rest of the UI writes sentences. A sentence already
 * translated into Chinese ends with its own full-width stop (never "。.").
 */
export function sentence(text: string): string {
  const t = text.trim();
  if (t.length === 0) return t;
  const first = t[0]!.toUpperCase() + t.slice(1);
  if (/[.!?…。！？]$/.test(first)) return first;
  return /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]$/.test(first) ? `${first}。` : `${first}.`;
}
