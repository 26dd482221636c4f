import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DestinationView } from '@shared/ipc/nouns/live-stream';
import { destinationFormErrors, destinationFormInput, type DestinationField as Field, type DestinationFieldError } from './stream-form';
import { streamStore } from './stream-store';

/**
 * Add or edit a custom destination (OBS's custom service): name, server URL and stream key. The
 * key field is empty on edit (the key never comes back): leave it empty to keep the stored one.
 * Errors show at their field, checked with the same schema main checks with. An SRT address may
 * carry its stream id (srt://host:port?streamid=…): the key field then stays empty.
 */
export function DestinationForm({ editing, onDone }: Readonly<{ editing: DestinationView | null; onDone: () => void }>) {
  const { t } = useTranslation();
  const [name, setName] = useState(editing?.name ?? '');
  const [url, setUrl] = useState(editing?.url ?? '');
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = destinationFormInput({ editing, name, url, key });
    const found: Partial<Record<Field, string>> = {};
    for (const [field, error] of Object.entries(destinationFormErrors(input)) as [Field, DestinationFieldError][]) found[field] = t(`live.stream.form.errors.${error}`);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const r = await streamStore.save(input);
    setBusy(false);
    if (!r.ok) return setFormError(r.error.message);
    onDone();
  };

  const field = (id: Field, label: string, value: string, set: (v: string) => void, extra: Readonly<{ type?: string; placeholder?: string; hint?: string }> = {}) => (
    <label className="stream-form__field">
      <span>{label}</span>
      <input
        name={id}
        type={extra.type ?? 'text'}
        value={value}
        placeholder={extra.placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={errors[id] ? `stream-form-${id}-error` : undefined}
      />
      {extra.hint && !errors[id] ? <small className="live-note">{extra.hint}</small> : null}
      {errors[id] ? (
        <small id={`stream-form-${id}-error`} className="form-error" role="alert">
          {errors[id]}
        </small>
      ) : null}
    </label>
  );

  return (
    <form className="stream-form" aria-label={t(editing ? 'live.stream.form.editTitle' : 'live.stream.form.addTitle')} onSubmit={(e) => void submit(e)} noValidate>
      {field('name', t('live.stream.form.name'), name, setName, { placeholder: 'Twitch' })}
      {field('url', t('live.stream.form.url'), url, setUrl, { placeholder: 'rtmp://live.example.com/app' })}
      {field('key', t('live.stream.form.key'), key, setKey, { type: 'password', hint: editing?.keyLast4 ? t('live.stream.form.keepKey', { last4: editing.keyLast4 }) : undefined })}
      <div className="stream-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('live.stream.form.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('live.stream.form.cancel')}
        </button>
      </div>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
    </form>
  );
}
