import { useTranslation } from 'react-i18next';
import { EXPRESSION_TRIGGERS_OFF, type ExpressionTriggerSettings } from '@shared/ipc/nouns/settings';
import { useSettings } from './settings-store';
import { SaveMessage, useSaveAtOnce } from './SaveMessage';

const SWITCHES = ['smile', 'mouthOpen', 'browsRaised'] as const satisfies readonly (keyof ExpressionTriggerSettings)[];

/**
 * Settings → Hands-free (issue 16 §5): one switch per expression trigger, saved at once; Studio and
 * Shoot apply them to the engine. All off until turned on.
 */
export function HandsFreeSettings() {
  const { t } = useTranslation();
  const loaded = useSettings();
  const triggers = loaded?.expressionTriggers ?? EXPRESSION_TRIGGERS_OFF;
  const { note, save } = useSaveAtOnce(t('handsFree.saved'), (message) => t('handsFree.failed', { message }));
  const toggle = (key: keyof ExpressionTriggerSettings, on: boolean): Promise<void> => save({ expressionTriggers: { ...triggers, [key]: on } });

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
        <SaveMessage note={note} />
      </fieldset>
    </div>
  );
}
