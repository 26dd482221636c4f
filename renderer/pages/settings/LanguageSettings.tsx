import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, systemLanguage, type LanguageChoice } from '../../i18n/i18n';
import { languageStore, useLanguageChoice } from '../../i18n/language-store';

/** Settings → Language: the system's language (the default) or one chosen here; applies at once. */
export function LanguageSettings() {
  const { t } = useTranslation();
  const choice = useLanguageChoice();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="settings-form">
      <fieldset className="settings-group">
        <legend>{t('settings.language.title')}</legend>
        <label className="settings-field">
          <span>{t('settings.language.field')}</span>
          <select value={choice} onChange={(e) => void languageStore.set(e.target.value as LanguageChoice).then(setProblem)} aria-describedby="language-help">
            <option value="system">{t('settings.language.system', { language: LANGUAGE_NAMES[systemLanguage()] })}</option>
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
          <small id="language-help">{t('settings.language.help')}</small>
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
        </label>
      </fieldset>
    </div>
  );
}
