import { FORWARD_NOTE_MAX_CHARS } from '@shared/protocol/orders';
import { isFailure } from '../../client/api';

/** Why a forward did not go, said at the field it concerns (the handle) or under the form. */
export type ForwardProblem =
  | { readonly field: 'toHandle'; readonly kind: 'required' | 'unknown' | 'self' | 'blocked' }
  | { readonly field: 'note'; readonly kind: 'tooLong'; readonly max: number }
  | { readonly field: 'form'; readonly kind: 'failed'; readonly reason: string };

/** The handle as typed (`@Lee_Friend ` → `lee_friend`). */
export const normalHandle = (typed: string): string => typed.trim().replace(/^@/, '').toLowerCase();

/** Checked before sending: a handle is needed and the note has a limit (counted as the platform's schema counts). */
export function checkForward(toHandle: string, note: string): ForwardProblem | null {
  if (normalHandle(toHandle) === '') return { field: 'toHandle', kind: 'required' };
  if (note.trim().length > FORWARD_NOTE_MAX_CHARS) return { field: 'note', kind: 'tooLong', max: FORWARD_NOTE_MAX_CHARS };
  return null;
}

/** The platform's refusal of POST /orders/:id/forward as a field-level problem. */
export function forwardProblem(error: unknown): ForwardProblem {
  if (isFailure(error, 'not_found') && error.message.startsWith('No account')) return { field: 'toHandle', kind: 'unknown' };
  if (isFailure(error, 'bad_request')) return { field: 'toHandle', kind: 'self' };
  if (isFailure(error, 'blocked')) return { field: 'toHandle', kind: 'blocked' };
  return { field: 'form', kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
}
