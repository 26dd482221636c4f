import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { draftMediaUrl, type Draft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import { PRICE_MAX_COINS, PRICE_MIN_COINS } from '@shared/domain/orders/customization';
import type { CustomizationStatus, Order } from '@shared/protocol/orders';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { studioClient } from '../../client/studio-client';
import { Dialog } from '../../components/Dialog';
import { formatDate, formatNumber } from '../../components/format';
import { orderLine } from './requests-store';
import { checkPrice } from './service-form';

type Confirm = { readonly kind: 'receiving-off' } | { readonly kind: 'exit' } | { readonly kind: 'exit-open'; readonly orders: readonly Order[] };

/** The creator's service: create the introduction, edit, publish, the receiving switch, and exit. */
export function ServicePanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CustomizationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void studioClient()
      .orders.customization()
      .then((r) => (r.ok ? setStatus(r.value) : setError(r.error.message)));
  }, []);

  const act = async (run: () => Promise<{ ok: true; value: CustomizationStatus } | { ok: false; error: { message: string } }>, done: string | null): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    setStatus(r.value);
    setResult(done);
    return true;
  };

  const exit = async (confirmOpenOrders: boolean): Promise<void> => {
    setBusy(true);
    const r = await studioClient().orders.exit({ confirmOpenOrders });
    setBusy(false);
    if (!r.ok) return void (setError(r.error.message), setConfirm(null));
    if (!r.value.exited) return setConfirm({ kind: 'exit-open', orders: r.value.openOrders });
    setConfirm(null);
    setStatus(r.value.customization);
    setResult(t('requests.service.exited'));
  };

  if (!status) {
    return (
      <section className="requests-card" aria-labelledby="service-title">
        <h2 id="service-title">{t('requests.service.title')}</h2>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="requests-note">{t('common.loading')}</p>
        )}
      </section>
    );
  }

  const showEditor = editing || status.state === 'draft';
  return (
    <section className="requests-card" aria-labelledby="service-title">
      <h2 id="service-title">{t('requests.service.title')}</h2>
      {result ? (
        <p className="toast toast--info" role="status">
          {result}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {status.state === 'never' && !editing ? (
        <div className="requests-first">
          <p>{t('requests.service.intro')}</p>
          <button type="button" className="button button--primary" onClick={() => setEditing(true)}>
            {t('requests.service.create')}
          </button>
        </div>
      ) : showEditor ? (
        <ServiceEditor
          status={status}
          busy={busy}
          onCancel={status.state === 'draft' ? null : () => setEditing(false)}
          onSave={async (input, publish) => {
            const saved = await act(() => studioClient().orders.save(input), publish ? null : t('requests.service.saved'));
            if (saved && publish && (await act(() => studioClient().orders.publish(), t(status.published ? 'requests.service.republished' : 'requests.service.published')))) setEditing(false);
          }}
        />
      ) : (
        <PublishedService
          status={status}
          busy={busy}
          onEdit={() => (setResult(null), setEditing(true))}
          onRepublish={() => void act(() => studioClient().orders.publish(), t('requests.service.republished'))}
          onReceiving={(on) => (on ? void act(() => studioClient().orders.setReceiving({ receiving: true }), t('requests.service.receivingOn')) : setConfirm({ kind: 'receiving-off' }))}
          onExit={() => setConfirm({ kind: 'exit' })}
        />
      )}
      {confirm?.kind === 'receiving-off' ? (
        <Dialog
          title={t('requests.service.confirmOffTitle')}
          onClose={() => setConfirm(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => void act(() => studioClient().orders.setReceiving({ receiving: false }), t('requests.service.receivingOff')).then(() => setConfirm(null))}
              >
                {t('requests.service.confirm')}
              </button>
            </>
          }
        >
          <p>{t('requests.service.confirmOff')}</p>
        </Dialog>
      ) : null}
      {confirm?.kind === 'exit' || confirm?.kind === 'exit-open' ? (
        <Dialog
          title={t('requests.service.exit')}
          onClose={() => setConfirm(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="button button--danger-solid" disabled={busy} onClick={() => void exit(confirm.kind === 'exit-open')}>
                {t('requests.service.confirm')}
              </button>
            </>
          }
        >
          {confirm.kind === 'exit' ? (
            <p>{t('requests.service.confirmExit')}</p>
          ) : (
            <>
              <p>{t('requests.service.confirmExitOpen', { count: confirm.orders.length })}</p>
              <ul className="requests-open-list">
                {confirm.orders.map((o) => (
                  <li key={o.id}>
                    {orderLine(o)} — {t(`requests.state.${o.state}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Dialog>
      ) : null}
    </section>
  );
}

function PublishedService({
  status,
  busy,
  onEdit,
  onRepublish,
  onReceiving,
  onExit,
}: Readonly<{ status: CustomizationStatus; busy: boolean; onEdit: () => void; onRepublish: () => void; onReceiving: (on: boolean) => void; onExit: () => void }>) {
  const { t } = useTranslation();
  const shown = status.published ?? status.draft;
  const exited = status.state === 'exited';
  return (
    <div className="requests-service">
      {shown ? (
        <dl className="requests-facts">
          <div>
            <dt>{t('requests.service.price')}</dt>
            <dd>{t('requests.coins', { count: shown.priceCoins, value: formatNumber(shown.priceCoins) })}</dd>
          </div>
          <div>
            <dt>{t('requests.service.introVideo')}</dt>
            <dd>{shown.introUploadId ? t('requests.service.hasIntro') : t('requests.service.noIntro')}</dd>
          </div>
          <div className="requests-facts__wide">
            <dt>{t('requests.service.description')}</dt>
            <dd>{shown.description}</dd>
          </div>
          {status.publishedAt ? (
            <div className="requests-facts__wide">
              <dt>{t('requests.service.publishedAt')}</dt>
              <dd>{formatDate(status.publishedAt)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {exited ? (
        <p className="requests-note">{t('requests.service.exitedNote')}</p>
      ) : (
        <label className="requests-switch">
          <input type="checkbox" role="switch" checked={status.receiving} disabled={busy} onChange={(e) => onReceiving(e.currentTarget.checked)} />
          {t('requests.service.receiving')}
        </label>
      )}
      <div className="requests-actions">
        <button type="button" className="button" onClick={onEdit}>
          {t('requests.service.edit')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={onRepublish}>
          {exited ? t('requests.service.publishAgain') : t('requests.service.republish')}
        </button>
        {exited ? null : (
          <button type="button" className="button button--ghost" onClick={onExit}>
            {t('requests.service.exit')}
          </button>
        )}
      </div>
    </div>
  );
}

type SaveInput = { priceCoins: number; description: string; introDraftId?: DraftId };

function ServiceEditor({
  status,
  busy,
  onCancel,
  onSave,
}: Readonly<{ status: CustomizationStatus; busy: boolean; onCancel: (() => void) | null; onSave: (input: SaveInput, publish: boolean) => Promise<void> }>) {
  const { t } = useTranslation();
  const start = status.draft ?? status.published;
  const [price, setPrice] = useState(start ? String(start.priceCoins) : '');
  const [description, setDescription] = useState(start?.description ?? '');
  const [introDraftId, setIntroDraftId] = useState<DraftId | ''>('');
  const [videos, setVideos] = useState<readonly Draft[]>([]);
  const [preview, setPreview] = useState(false);
  const [publish, setPublish] = useState(true);
  const priceProblem = price === '' ? null : checkPrice(price);
  const hasIntro = introDraftId !== '' || Boolean(start?.introUploadId);

  useEffect(() => {
    void studioClient()
      .drafts.list()
      .then((r) => r.ok && setVideos(r.value.filter((d) => d.kind === 'video' && d.status === 'ready')));
  }, []);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (checkPrice(price) !== null) return;
    void onSave({ priceCoins: Number(price), description: description.trim(), ...(introDraftId ? { introDraftId } : {}) }, publish);
  };
  const chosen = videos.find((v) => v.id === introDraftId) ?? null;

  return (
    <form className="requests-editor" aria-label={t('requests.service.editorLabel')} onSubmit={submit}>
      <fieldset className="requests-intro">
        <legend>{t('requests.service.introVideo')}</legend>
        <label className="field">
          <span>{t('requests.service.pickIntro')}</span>
          <select value={introDraftId} onChange={(e) => setIntroDraftId(e.currentTarget.value as DraftId | '')}>
            <option value="">{start?.introUploadId ? t('requests.service.keepIntro') : t('requests.service.noIntroChosen')}</option>
            {videos.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => navigate(paths.page('shoot'))}>
          {t('requests.service.recordIntro')}
        </button>
      </fieldset>
      <label className="field">
        <span>{t('requests.service.description')}</span>
        <textarea value={description} rows={3} maxLength={2000} required onChange={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <label className="field">
        <span>{t('requests.service.priceLabel', { min: formatNumber(PRICE_MIN_COINS), max: formatNumber(PRICE_MAX_COINS) })}</span>
        <input
          type="number"
          inputMode="numeric"
          min={PRICE_MIN_COINS}
          max={PRICE_MAX_COINS}
          step={1}
          value={price}
          required
          aria-invalid={priceProblem ? true : undefined}
          onChange={(e) => setPrice(e.currentTarget.value)}
        />
      </label>
      {priceProblem ? (
        <p className="form-error" role="alert">
          {t(`requests.service.priceProblem.${priceProblem}`, { min: formatNumber(PRICE_MIN_COINS), max: formatNumber(PRICE_MAX_COINS) })}
        </p>
      ) : null}
      {preview ? (
        <section className="requests-preview" aria-label={t('requests.service.previewLabel')}>
          {chosen ? (
            <video src={draftMediaUrl(chosen.id, chosen.mediaFile)} controls muted playsInline />
          ) : (
            <p className="requests-note">{hasIntro ? t('requests.service.hasIntro') : t('requests.service.noIntro')}</p>
          )}
          <p className="requests-preview__price">{price && !priceProblem ? t('requests.coins', { count: Number(price), value: formatNumber(Number(price)) }) : '—'}</p>
          <p>{description.trim() || '—'}</p>
          <p className="requests-note">{t('requests.service.previewNote')}</p>
        </section>
      ) : null}
      <div className="requests-actions">
        <button type="button" className="button" onClick={() => setPreview(!preview)} aria-pressed={preview}>
          {t('requests.service.preview')}
        </button>
        <button type="submit" className="button" disabled={busy} onClick={() => setPublish(false)}>
          {t('requests.service.saveDraft')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || !hasIntro} onClick={() => setPublish(true)}>
          {status.published ? t('requests.service.republish') : t('requests.service.publish')}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
      {!hasIntro ? <p className="requests-note">{t('requests.service.needIntro')}</p> : null}
      {busy && introDraftId ? (
        <p className="requests-note" role="status">
          {t('requests.service.uploading')}
        </p>
      ) : null}
    </form>
  );
}
