import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Look } from '@shared/domain/tryon/look';
import { LOOK_PRESET_NAME_MAX, LOOK_PRESETS_MAX, presetNameProblem, type LookPreset, type LookPresetId, type PresetNameProblem } from '@shared/domain/tryon/look-preset';
import { useCatalog } from './catalog-store';
import { lookPresetsStore, useLookPresets } from './look-presets-store';
import { presetNamed, presetSwatches, presetToApply } from './look-presets-view';
import './look-presets.css';

export type LookPresetsProps = Readonly<{ look: Look; onApply: (look: Look) => void }>;

/** Naming a new preset (replacing the one named alike once confirmed), or renaming one. */
type Editing = Readonly<{ kind: 'save'; name: string; replace: LookPreset | null } | { kind: 'rename'; id: LookPresetId; name: string }>;

/** The last outcome, under the button; a deletion keeps what Undo puts back. */
type Notice = Readonly<{ text: string; warn?: boolean; undo?: LookPreset }>;

/**
 * Saved looks (issue 16 §2): save the look being worn under a name, wear a saved one in one click,
 * rename or delete (with Undo). Presets live in the studio's SQLite; a preset's items that left the
 * catalog are skipped when it is worn, and said so.
 */
export function LookPresets({ look, onApply }: LookPresetsProps) {
  const { t } = useTranslation();
  const { presets, loaded, error } = useLookPresets();
  const catalog = useCatalog();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  const nameSentence = (problem: PresetNameProblem): string => {
    switch (problem) {
      case 'empty':
        return t('failures.lookPresets.nameEmpty');
      case 'tooLong':
        return t('failures.lookPresets.nameTooLong', { max: LOOK_PRESET_NAME_MAX });
      case 'control':
        return t('failures.lookPresets.nameControl');
      default: {
        const never: never = problem;
        return never;
      }
    }
  };

  const edit = (next: Editing | null): void => {
    setEditing(next);
    setFieldError(null);
  };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!editing || busy) return;
    const problem = presetNameProblem(editing.name);
    if (problem) return setFieldError(nameSentence(problem));
    const name = editing.name.trim();
    if (editing.kind === 'save') {
      const clash = presetNamed(presets, name);
      // A clash asks first; the button then says Replace, and a second press replaces.
      if (clash && editing.replace?.id !== clash.id) return setEditing({ ...editing, replace: clash });
      if (!clash && presets.length >= LOOK_PRESETS_MAX) return setFieldError(t('failures.lookPresets.full', { max: LOOK_PRESETS_MAX }));
    } else if (presetNamed(presets, name, editing.id)) return setFieldError(t('failures.lookPresets.nameTaken', { name }));
    setBusy(true);
    const result = editing.kind === 'save' ? await lookPresetsStore.save(name, look, editing.replace !== null) : await lookPresetsStore.rename(editing.id, name);
    setBusy(false);
    if (!result.ok) return setFieldError(result.error.message);
    edit(null);
    const done = editing.kind === 'rename' ? 'lookPresets.renamed' : editing.replace ? 'lookPresets.replaced' : 'lookPresets.saved';
    setNotice({ text: t(done, { name: result.value.name }) });
  }

  function apply(preset: LookPreset): void {
    const { look: worn, skipped } = presetToApply(preset, catalog.items);
    if (!worn) return setNotice({ text: t('lookPresets.nothingLeft', { name: preset.name }), warn: true });
    onApply(worn);
    setNotice(skipped > 0 ? { text: t('lookPresets.appliedSkipped', { name: preset.name, count: skipped }), warn: true } : { text: t('lookPresets.applied', { name: preset.name }) });
  }

  async function remove(preset: LookPreset): Promise<void> {
    if (editing?.kind === 'rename' && editing.id === preset.id) edit(null);
    const result = await lookPresetsStore.remove(preset.id);
    setNotice(result.ok ? { text: t('lookPresets.deleted', { name: preset.name }), undo: preset } : { text: result.error.message, warn: true });
  }

  async function undo(preset: LookPreset): Promise<void> {
    const result = await lookPresetsStore.restore(preset);
    setNotice(result.ok ? { text: t('lookPresets.restored', { name: preset.name }) } : { text: result.error.message, warn: true });
  }

  const nameForm = (label: string) =>
    editing && (
      <form className="look-presets__form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="look-presets__field">
          <span>{label}</span>
          <input
            type="text"
            value={editing.name}
            // A little over the limit, so the limit's sentence shows rather than keys silently doing nothing.
            maxLength={LOOK_PRESET_NAME_MAX + 20}
            placeholder={t('lookPresets.namePlaceholder')}
            aria-invalid={fieldError !== null}
            autoFocus
            onChange={(e) => {
              setEditing(editing.kind === 'save' ? { ...editing, name: e.target.value, replace: null } : { ...editing, name: e.target.value });
              setFieldError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') edit(null);
            }}
          />
        </label>
        {editing.kind === 'save' && editing.replace && <p className="look-presets__question">{t('lookPresets.replaceQuestion', { name: editing.replace.name })}</p>}
        {fieldError && (
          <p className="look-presets__error" role="alert">
            {fieldError}
          </p>
        )}
        <div className="look-presets__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {editing.kind === 'save' && editing.replace ? t('lookPresets.replace') : t('common.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => edit(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    );

  return (
    <section className="look-presets" aria-label={t('lookPresets.title')}>
      <header className="look-presets__head">
        <h3>{t('lookPresets.title')}</h3>
        {presets.length > 0 && <small>{t('lookPresets.count', { count: presets.length, max: LOOK_PRESETS_MAX })}</small>}
      </header>
      {editing?.kind === 'save' ? (
        nameForm(t('lookPresets.nameLabel'))
      ) : (
        <button
          type="button"
          className="button look-presets__save"
          disabled={look.length === 0}
          title={look.length === 0 ? t('lookPresets.saveHint') : undefined}
          onClick={() => edit({ kind: 'save', name: '', replace: null })}
        >
          {t('lookPresets.save')}
        </button>
      )}
      {notice && (
        <p className={notice.warn ? 'look-presets__notice look-presets__notice--warn' : 'look-presets__notice'} role="status">
          {notice.text}
          {notice.undo && (
            <button type="button" className="button button--ghost" onClick={() => void undo(notice.undo!)}>
              {t('lookPresets.undo')}
            </button>
          )}
        </p>
      )}
      {error && <p className="look-presets__error">{t('lookPresets.loadFailed', { message: error.message })}</p>}
      {loaded && presets.length === 0 && !error && <p className="look-presets__empty">{t('lookPresets.empty')}</p>}
      <ul className="look-presets__list">
        {presets.map((preset) => {
          const swatches = presetSwatches(preset.layers, catalog.items);
          return (
            <li key={preset.id} className="look-presets__row">
              {editing?.kind === 'rename' && editing.id === preset.id ? (
                nameForm(t('lookPresets.renameLabel', { name: preset.name }))
              ) : (
                <>
                  <button type="button" className="look-presets__apply" aria-label={t('lookPresets.apply', { name: preset.name })} onClick={() => apply(preset)}>
                    <span className="look-presets__name">{preset.name}</span>
                    <span className="look-presets__swatches">
                      {swatches.map((s) => (
                        <span
                          key={s.key}
                          className={s.colour ? 'look-presets__swatch' : 'look-presets__swatch look-presets__swatch--missing'}
                          style={s.colour ? { background: s.colour } : undefined}
                          title={s.label ?? t('lookPresets.missingSwatch')}
                        />
                      ))}
                    </span>
                    <span className="look-presets__items">{swatches.map((s) => s.label ?? t('lookPresets.missingSwatch')).join(', ')}</span>
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('lookPresets.renameLabel', { name: preset.name })}
                    title={t('lookPresets.rename')}
                    onClick={() => edit({ kind: 'rename', id: preset.id, name: preset.name })}
                  >
                    ✎
                  </button>
                  <button type="button" className="icon-button" aria-label={t('lookPresets.deleteLabel', { name: preset.name })} title={t('lookPresets.delete')} onClick={() => void remove(preset)}>
                    ×
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
