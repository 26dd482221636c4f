import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorId } from '@shared/protocol/ids';
import { navigate, useRouteId } from '../../app/router';
import { paths } from '../../app/routes';
import { triggerAnchor } from './trigger-anchor';

/**
 * `/anchor/<id>`: where `anchorstudio://anchor/<id>` lands (Electron forwards it as app.openLink; the
 * browser-hosted studio serves it as a URL). Triggers the anchor, then opens Studio with its item.
 */
export function AnchorPage() {
  const { t } = useTranslation();
  const raw = useRouteId('anchor') ?? '';
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const id = AnchorId.safeParse(raw);
    if (!id.success) {
      setError(t('anchor.notLink', { link: raw.slice(0, 60) }));
      return;
    }
    let live = true;
    void triggerAnchor(id.data, { replace: true }).then((message) => live && setError(message));
    return () => {
      live = false;
    };
  }, [raw, t]);

  return (
    <section className="page" aria-labelledby="anchor-title">
      <header className="page__header">
        <div>
          <h1 id="anchor-title">{t('anchor.title')}</h1>
          <p className="page__subtitle">{t('anchor.subtitle')}</p>
        </div>
      </header>
      {error ? (
        <>
          <p className="toast toast--error" role="alert">
            {error}
          </p>
          <button type="button" className="button" onClick={() => navigate(paths.discover())}>
            {t('anchor.goToDiscover')}
          </button>
        </>
      ) : (
        <p role="status">{t('anchor.opening')}</p>
      )}
    </section>
  );
}
