import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPRESSION_TRIGGERS_OFF, type ExpressionTriggerSettings } from '@shared/ipc/nouns/settings';
import { settingsStore, useSettings } from './settings-store';

const SWITCHES = ['smile', 'mouthOpen', 'browsRaised'] as const satisfies readonly (keyof ExpressionTriggerSettings)[];

/**
 * Settings → Hands-free (issue 16 §5): one switch per expression trigger, saved at once; Studio and
 * Shoot apply them to the engine. All off until turned on.
 */
export function HandsFreeSettings() {
  const { t } = useTranslation();
  const loaded = useSettings();
  const triggers = loaded?.expressionTriggers ?? EXPRESSION_TRIGGERS_OFF;
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);

  const toggle = async (key: keyof ExpressionTriggerSettings, on: boolean): Promise<void> => {
    setMessage(null);
    const result = await settingsStore.save({ expressionTriggers: { ...triggers, [key]: on } });
    setMessage(result.ok ? { tone: 'info', text: t('handsFree.saved') } : { tone: 'error', text: t('handsFree.failed', { message: result.error.message }) });
  };

  return (
    <div className="settings-form">
      <fieldset className="settings-group" aria-describedby="hands-free-help" disabled={loaded === null}>
        <legend>{t('handsFree.title')}</legend>
        <p className="hotkeys__help" id="hands-free-help">
          {t('handsFree.help')}
        </p>
        {SWITCHES.map((key) => (
          <label key={key} className="settings-toggle">
            <input type="checkbox" role="switch" checked={triggers[key]} onChange={(e) => void toggle(key, e.target.checked)} />
            {t(`handsFree.${key}`)}
          </label>
        ))}
        {message ? (
          <p className={message.tone === 'error' ? 'form-error' : 'hotkeys__saved'} role={message.tone === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
