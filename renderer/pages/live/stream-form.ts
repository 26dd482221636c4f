import { DestinationInput, srtStreamId, type DestinationId, type DestinationIssue } from '@shared/ipc/nouns/live-stream';

export type DestinationField = 'name' | 'url' | 'key';
/** What the form says at a field: a key under `live.stream.form.errors`. */
export type DestinationFieldError = DestinationField | DestinationIssue;

export type DestinationFormValues = Readonly<{ editing: Readonly<{ id: DestinationId; enabled: boolean }> | null; name: string; url: string; key: string }>;

/**
 * What the form sends: the key only when typed, or for a new destination (so an empty one is
 * refused at its field), except when an SRT address carries its stream id (then the key stays out).
 */
export function destinationFormInput(v: DestinationFormValues): DestinationInput {
  const sendKey = v.key.trim() !== '' || (!v.editing && srtStreamId(v.url) === null);
  return { ...(v.editing ? { id: v.editing.id } : {}), name: v.name, url: v.url, ...(sendKey ? { key: v.key } : {}), enabled: v.editing?.enabled ?? true };
}

/** Each field's first refusal by the schema main checks with: a specific one where the schema names it, else the field's rule. */
export function destinationFormErrors(input: DestinationInput): Partial<Record<DestinationField, DestinationFieldError>> {
  const checked = DestinationInput.safeParse(input);
  const found: Partial<Record<DestinationField, DestinationFieldError>> = {};
  if (checked.success) return found;
  for (const issue of checked.error.issues) {
    const field = issue.path[0];
    if (field !== 'name' && field !== 'url' && field !== 'key') continue;
    const reason = issue.code === 'custom' ? (issue.params as { reason?: DestinationIssue } | undefined)?.reason : undefined;
    found[field] ??= reason ?? field;
  }
  return found;
}
