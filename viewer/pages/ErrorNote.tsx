import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../client/api';

/** A failed load as a sentence with a way to try again (never a raw error envelope). */
export function ErrorNote({ error, onRetry }: Readonly<{ error: unknown; onRetry?: () => void }>) {
  const { t } = useTranslation();
  const text = error instanceof ApiFailure && error.code === 'network' ? t('app.offline') : t('app.failed', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="error-note" role="alert">
      <p>{text}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}
