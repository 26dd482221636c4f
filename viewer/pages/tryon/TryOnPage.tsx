import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '@shared/protocol/catalog';
import { routes } from '@shared/protocol/routes';
import type { Anchor, Video } from '@shared/protocol/videos';
import { TryOnEngine } from '@renderer/tryon/engine';
import type { EngineEvent } from '@renderer/tryon/engine-events';
import { withLayer, type Look } from '@shared/domain/tryon/look';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { anchorLook, wornShade } from '@shared/domain/tryon/anchor-look';
import { engineErrorKey, photoFileName } from './tryon-messages';

/**
 * The try-on a viewer lands in from an anchor: the studio's engine (renderer/tryon) on a canvas,
 * wearing the anchor's item in its shade, and every other item the anchor links (a look) layered
 * with it. This module is a lazy chunk: tfjs, three and the engine
 * load only when a viewer opens it.
 */
export default function TryOnPage({ videoId, anchorId }: Readonly<{ videoId: string; anchorId: string }>) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ video: Video; anchor: Anchor; items: readonly CatalogItem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const video = await call(routes.getVideo, { params: { id: videoId }, signal: abort.signal });
      const anchor = video.anchors.find((a) => a.id === anchorId);
      if (!anchor) return setError('missing');
      const item = await call(routes.getItem, { params: { id: anchor.itemId }, signal: abort.signal });
      // A linked item taken out of the catalog since the post is left out; the look opens with the rest.
      const extras = await Promise.all(
        anchor.extraItemIds.map((id) =>
          call(routes.getItem, { params: { id }, signal: abort.signal }).catch((e: unknown) => {
            if (isFailure(e, 'not_found')) return null;
            throw e;
          }),
        ),
      );
      setLoaded({ video, anchor, items: [item, ...extras.filter((x): x is CatalogItem => x !== null)] });
    })().catch((e: unknown) => {
      if (!abort.signal.aborted) setError(e);
    });
    return () => abort.abort();
  }, [videoId, anchorId]);

  const back = (
    <Link className="back-link" to={paths.video(videoId)}>
      ← {t('tryon.back')}
    </Link>
  );
  if (error)
    return (
      <main className="page tryon-page">
        {back}
        {error === 'missing' || isFailure(error, 'not_found') ? <p className="empty">{t('tryon.notFound')}</p> : <ErrorNote error={error} />}
      </main>
    );
  if (!loaded)
    return (
      <main className="page tryon-page">
        {back}
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  return <TryOn {...loaded} back={back} />;
}

interface EngineState {
  readonly ready: boolean;
  readonly source: 'camera' | 'photo' | 'video' | null;
  readonly face: boolean | null;
  readonly error: string | null;
}

function TryOn({ anchor, items, back }: Readonly<{ video: Video; anchor: Anchor; items: readonly CatalogItem[]; back: ReactElement }>) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [engine, setEngine] = useState<TryOnEngine | null>(null);
  const [state, setState] = useState<EngineState>({ ready: false, source: null, face: null, error: null });
  const [opening] = useState(() => anchorLook(items, anchor.attributeId));
  const [look, setLook] = useState<Look>(opening.look);
  // The item whose shades the panel shows: the anchor's own at first, then the one last chosen.
  const [item, setItem] = useState<CatalogItem>(items[0]!);
  const shade = wornShade(look, item) ?? item.attributes[0]?.id ?? '';
  const setShade = (id: string): void => setLook((current) => withLayer(current, item, id));
  const choose = (chosen: CatalogItem): void => {
    setItem(chosen);
    if (wornShade(look, chosen) === null) setLook((current) => withLayer(current, chosen, chosen.attributes[0]!.id));
  };
  const [split, setSplit] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [lastPhoto, setLastPhoto] = useState<File | null>(null);

  useEffect(() => {
    const node = canvas.current;
    if (!node) return;
    const created = new TryOnEngine(node);
    const off = created.on((event: EngineEvent) => {
      switch (event.type) {
        case 'ready':
          return setState((s) => ({ ...s, ready: true }));
        case 'source':
          created.setMirror(event.kind === 'camera');
          return setState((s) => ({ ...s, source: event.kind, face: null, error: null }));
        case 'face':
          return setState((s) => ({ ...s, face: event.present }));
        case 'error':
          return setState((s) => ({ ...s, error: t(`tryon.${engineErrorKey(event.code)}`) }));
        case 'stats':
        case 'recovered':
          return;
      }
    });
    setEngine(created);
    void created.start();
    // A camera the viewer allowed before starts at once; otherwise the page asks (a tap, then the browser's prompt).
    void navigator.permissions
      ?.query({ name: 'camera' as PermissionName })
      .then((status) => {
        if (status.state === 'granted') void created.useCamera(null, '720p');
      })
      .catch(() => undefined);
    return () => {
      off();
      created.dispose();
    };
  }, [t]);

  useEffect(() => {
    void engine?.setLayers(look);
  }, [engine, look]);
  useEffect(() => engine?.setSplit(split ? 0.5 : 0), [engine, split]);

  const takePhoto = async (): Promise<void> => {
    if (!engine) return;
    const blob = await engine.capturePhoto();
    const name = photoFileName(item.name, item.attributes.find((a) => a.id === shade)?.label ?? '', new Date());
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaved(name);
    setLastPhoto(new File([blob], name, { type: 'image/png' }));
  };
  const canShare = lastPhoto !== null && typeof navigator.canShare === 'function' && navigator.canShare({ files: [lastPhoto] });
  const share = (): void => {
    if (lastPhoto) void navigator.share({ files: [lastPhoto], title: item.name }).catch(() => undefined);
  };

  return (
    <main className="page tryon-page">
      {back}
      <h1 className="page-title">
        {t('tryon.title')}: {items.map((linked) => linked.name).join(' + ')}
      </h1>
      <div className="tryon-body">
        <div className="tryon-stage">
          <canvas ref={canvas} className="tryon-canvas" aria-label={t('tryon.preview')} hidden={state.source === null} />
          {state.source === null ? <p className="stage-ask">{state.ready ? t('tryon.askSource') : t('tryon.loadingEngine')}</p> : null}
          {state.source !== null && state.face !== null ? (
            <p className={`face-status${state.face ? ' found' : ''}`} role="status">
              {state.face ? t('tryon.faceFound') : t('tryon.noFace')}
            </p>
          ) : null}
        </div>
        <div className="tryon-panel">
          {state.error ? (
            <p className="form-error" role="alert">
              {state.error}
            </p>
          ) : null}
          <div className="source-bar">
            <button type="button" onClick={() => void engine?.useCamera(null, '720p')} disabled={!engine}>
              {t('tryon.useCamera')}
            </button>
            <label className="button-like">
              {t('tryon.usePhoto')}
              <input
                type="file"
                accept="image/*"
                className="visually-hidden"
                aria-label={t('tryon.photoInput')}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void engine?.useFile(file);
                  e.target.value = '';
                }}
              />
            </label>
          </div>
          {items.length > 1 ? (
            <fieldset className="look-items">
              <legend>{t('tryon.lookItems', { count: items.length })}</legend>
              <div className="look-chips">
                {items.map((linked) => (
                  <button key={linked.id} type="button" className="look-chip" aria-pressed={wornShade(look, linked) !== null} data-current={linked.id === item.id} onClick={() => choose(linked)}>
                    {linked.name}
                  </button>
                ))}
              </div>
              {opening.offered.length > 0 ? <p className="hint">{t('tryon.lookSwitch')}</p> : null}
            </fieldset>
          ) : null}
          <fieldset className="shades">
            <legend>{items.length > 1 ? t('tryon.shadesOf', { name: item.name }) : t('tryon.shades')}</legend>
            <div role="radiogroup" aria-label={t('tryon.shades')} className="swatches">
              {item.attributes.map((attribute) => (
                <button
                  key={attribute.id}
                  type="button"
                  role="radio"
                  aria-checked={attribute.id === shade}
                  aria-label={attribute.label}
                  title={attribute.label}
                  className="swatch"
                  style={{ backgroundColor: attribute.swatch }}
                  onClick={() => setShade(attribute.id)}
                />
              ))}
            </div>
          </fieldset>
          <div className="tryon-actions">
            <label className="toggle">
              <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} />
              {t('tryon.beforeAfter')}
            </label>
            <button type="button" className="primary" disabled={state.source === null} onClick={() => void takePhoto()}>
              {t('tryon.takePhoto')}
            </button>
            {canShare ? (
              <button type="button" onClick={share}>
                {t('tryon.share')}
              </button>
            ) : null}
          </div>
          {saved ? <p role="status">{t('tryon.saved', { name: saved })}</p> : null}
        </div>
      </div>
    </main>
  );
}
