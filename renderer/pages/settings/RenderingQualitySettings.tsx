import { useTranslation } from 'react-i18next';
import { RenderingQualitySetting } from '@shared/ipc/nouns/settings';
import { renderingQualityOf, useSettings } from './settings-store';
import { SaveMessage, useSaveAtOnce } from './SaveMessage';

/**
 * Settings → Rendering quality (issue 16 §6): Auto, High or Fast, saved at once; Studio and Shoot
 * apply it to the try-on engine (use-try-on.ts). Auto until chosen.
 */
export function RenderingQualitySettings() {
  const { t } = useTranslation();
  const loaded = useSettings();
  const chosen = renderingQualityOf(loaded) ?? 'auto';
  const { note, save } = useSaveAtOnce(t('settings.renderingQuality.saved'), (message) => t('settings.renderingQuality.failed', { message }));
  const choose = (value: RenderingQualitySetting): Promise<void> => save({ renderingQuality: value });

  return (
    <div className="settings-form">
      <fieldset className="settings-group" aria-describedby="rendering-quality-help" disabled={loaded === null}>
        <legend>{t('settings.renderingQuality.title')}</legend>
        <p className="hotkeys__help" id="rendering-quality-help">
          {t('settings.renderingQuality.help')}
        </p>
        <div className="settings-choices">
          {RenderingQualitySetting.options.map((value) => (
            <label key={value} className={value === chosen ? 'settings-choice is-active' : 'settings-choice'}>
              <input
                type="radio"
                name="rendering-quality"
                value={value}
                checked={value === chosen}
                onChange={() => void choose(value)}
                aria-labelledby={`rendering-quality-${value}-name`}
                aria-describedby={`rendering-quality-${value}-help`}
              />
              <span className="settings-choice__text">
                <span className="settings-choice__name" id={`rendering-quality-${value}-name`}>
                  {t(`settings.renderingQuality.choices.${value}`)}
                </span>
                <small id={`rendering-quality-${value}-help`}>{t(`settings.renderingQuality.explanations.${value}`)}</small>
              </span>
            </label>
          ))}
        </div>
        <SaveMessage note={note} />
      </fieldset>
    </div>
  );
}
