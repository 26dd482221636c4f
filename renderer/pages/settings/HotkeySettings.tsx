import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HOTKEY_ACTIONS, RecordingHotkeys, hotkeyOf, type HotkeyAction } from '@shared/domain/recording/hotkeys';
import { formErrors } from '../form-errors';
import { settingsStore, useRecordingHotkeys } from './settings-store';
import { SaveMessage, type SaveNote } from './SaveMessage';

/** Keys that make a shortcut on their own; letters and digits need a modifier, or typing would trigger them. */
const BARE_OK = /^(F([1-9]|1[0-2]))$/;

/**
 * Settings → Recording shortcuts, like OBS hotkeys: click a shortcut, press the new keys; Esc
 * cancels, "Turn off" removes one. Saved at once (main checks that no two actions share a key).
 */
export function HotkeySettings() {
  const { t } = useTranslation();
  const hotkeys = useRecordingHotkeys();
  const [capturing, setCapturing] = useState<HotkeyAction | null>(null);
  const [message, setMessage] = useState<SaveNote>(null);

  const save = async (next: RecordingHotkeys): Promise<void> => {
    if (!RecordingHotkeys.safeParse(next).success) return setMessage({ tone: 'error', text: t('settings.hotkeys.clash') });
    const result = await settingsStore.save({ hotkeys: next });
    if (!result.ok) return setMessage({ tone: 'error', text: formErrors(result.error, [], t('settings.hotkeys.failed')).form ?? t('settings.hotkeys.failed') });
    setMessage({ tone: 'info', text: t('settings.hotkeys.saved') });
  };

  const onCaptureKey = (action: HotkeyAction, e: KeyboardEvent<HTMLButtonElement>): void => {
    if (capturing !== action) return;
    if (e.key === 'Tab') return setCapturing(null);
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') return setCapturing(null);
    const key = hotkeyOf(e);
    if (key === null) return; // a modifier alone: wait for the rest
    if (!key.includes('+') && !BARE_OK.test(key)) return setMessage({ tone: 'error', text: t('settings.hotkeys.needsModifier') });
    setCapturing(null);
    void save({ ...hotkeys, [action]: key });
  };

  return (
    <div className="settings-form">
      <fieldset className="settings-group hotkeys">
        <legend>{t('settings.hotkeys.title')}</legend>
        <p className="hotkeys__help">{t('settings.hotkeys.help')}</p>
        {HOTKEY_ACTIONS.map((action) => (
          <div key={action} className="hotkeys__row">
            <span className="hotkeys__label" id={`hotkey-${action}`}>
              {t(`settings.hotkeys.${action}`)}
            </span>
            <button
              type="button"
              className={`button hotkeys__key${capturing === action ? ' is-capturing' : ''}`}
              data-hotkey-capture
              aria-labelledby={`hotkey-${action} hotkey-${action}-key`}
              onClick={() => {
                setMessage(null);
                setCapturing(capturing === action ? null : action);
              }}
              onKeyDown={(e) => onCaptureKey(action, e)}
              onBlur={() => capturing === action && setCapturing(null)}
            >
              <kbd id={`hotkey-${action}-key`}>{capturing === action ? t('settings.hotkeys.press') : (hotkeys[action] ?? t('settings.hotkeys.off'))}</kbd>
            </button>
            <button type="button" className="button button--ghost" disabled={hotkeys[action] === null} onClick={() => void save({ ...hotkeys, [action]: null })}>
              {t('settings.hotkeys.turnOff')}
            </button>
          </div>
        ))}
        <SaveMessage note={message} />
      </fieldset>
    </div>
  );
}
