import { useTranslation } from 'react-i18next';
import type { en } from '../../i18n/locales/en';
import { useAccessRefused } from './access-check';
import type { TryOnState } from './use-try-on';

export interface StageStatusProps {
  readonly state: TryOnState;
  readonly hasSource: boolean;
  /** Offered as the stage's main action while there is no source (Studio). */
  readonly onStartCamera?: () => void;
}

/** What the stage says over the picture: loading, no source, no face, or what went wrong. */
export function StageStatus({ state, hasSource, onStartCamera }: Readonly<StageStatusProps>) {
  const { t } = useTranslation();
  const refused = useAccessRefused();
  if (refused) {
    return (
      <div className="studio-overlay studio-overlay--error" role="status">
        <strong>{t('stage.refusedTitle')}</strong>
      </div>
    );
  }
  if (state.error) {
    const offerFile = state.error.code === 'no-camera' || state.error.code === 'permission-denied' || state.error.code === 'camera-busy';
    return (
      <div className="studio-overlay studio-overlay--error" role="alert">
        <strong>{t(`stage.errors.${errorTitle(state.error.code)}`)}</strong>
        <span>{state.error.message}</span>
        {offerFile && <span className="studio-overlay__hint">{t('stage.useFile')}</span>}
      </div>
    );
  }
  if (!hasSource) {
    return (
      <div className="studio-overlay">
        <div role="status" className="studio-overlay__text">
          <strong>{t(state.tracker ? 'stage.startPrompt' : 'stage.loadingTracker')}</strong>
          <span>{t('stage.looksAppear')}</span>
        </div>
        {onStartCamera && state.tracker ? (
          <button type="button" className="button button--primary studio-overlay__start" onClick={onStartCamera}>
            {t('stage.startCamera')}
          </button>
        ) : null}
      </div>
    );
  }
  if (state.face === false) {
    return (
      <div className="studio-overlay studio-overlay--corner" role="status">
        {t('stage.noFace')}
      </div>
    );
  }
  return (
    <div className="studio-sr-only" role="status">
      {t(state.face ? 'stage.faceFound' : state.tracker ? 'stage.lookingForFace' : 'stage.loadingTracker')}
    </div>
  );
}

type ErrorTitle = keyof (typeof en)['stage']['errors'];
const ERROR_TITLES: readonly string[] = ['permission-denied', 'no-camera', 'camera-busy', 'camera-lost', 'unsupported-file', 'corrupt-file', 'model'] satisfies readonly ErrorTitle[];

/** The engine's error code, or `other` for one this page has no title for. */
const errorTitle = (code: string): ErrorTitle => (ERROR_TITLES.includes(code) ? (code as ErrorTitle) : 'other');
