import { useEffect, useState } from 'react';
import { AnchorId } from '../../../shared/protocol/ids';
import { navigate, useRoute } from '../../app/router';
import { triggerAnchor } from './trigger-anchor';

/**
 * `/anchor/<id>`: where `anchorstudio://anchor/<id>` lands (Electron forwards it as app.openLink; the
 * browser-hosted studio serves it as a URL). Triggers the anchor, then opens Studio with its item.
 */
export function AnchorPage() {
  const route = useRoute();
  const raw = decodeURIComponent(route.split('/')[2] ?? '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const id = AnchorId.safeParse(raw);
    if (!id.success) {
      setError(`“${raw.slice(0, 60)}” is not an anchor link.`);
      return;
    }
    let live = true;
    void triggerAnchor(id.data, { replace: true }).then((message) => live && setError(message));
    return () => {
      live = false;
    };
  }, [raw]);

  return (
    <section className="page" aria-labelledby="anchor-title">
      <header className="page__header">
        <div>
          <h1 id="anchor-title">Anchor</h1>
          <p className="page__subtitle">Opening the try-on for this anchor…</p>
        </div>
      </header>
      {error ? (
        <>
          <p className="toast toast--error" role="alert">
            {error}
          </p>
          <button type="button" className="button" onClick={() => navigate('/discover')}>
            Go to Discover
          </button>
        </>
      ) : (
        <p role="status">Opening…</p>
      )}
    </section>
  );
}
