import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { draftMediaUrl, isExported, type Draft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import type { DeliveryView } from '@shared/ipc/nouns/orders';
import type { Order } from '@shared/protocol/orders';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { studioClient } from '../../client/studio-client';
import { formatPercent } from '../../components/format';
import { failureMessage } from '../../i18n/failures';
import { mediaSrc } from '../../recording/export-progress-store';
import { teleprompterStore } from './teleprompter-store';

/**
 * An accepted request: Record (Shoot with the teleprompter), then Send a recorded video — through
 * the outbox, so its status shows here, survives a restart and is delivered once.
 */
export function SendPanel({ order }: Readonly<{ order: Order }>) {
  const { t } = useTranslation();
  const [videos, setVideos] = useState<readonly Draft[]>([]);
  const [draftId, setDraftId] = useState<DraftId | ''>('');
  const [delivery, setDelivery] = useState<DeliveryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const client = studioClient();
    const loadVideos = (): void =>
      void client.drafts.list().then((r) => {
        if (!r.ok) return;
        // Newest first: the take just recorded for this request is the likely choice.
        const ready = r.value.filter((d) => d.kind === 'video' && d.status === 'ready').sort((a, b) => b.createdAt - a.createdAt);
        setVideos(ready);
        setDraftId((current) => current || (ready[0]?.id ?? ''));
      });
    loadVideos();
    void client.orders.delivery({ orderId: order.id }).then((r) => r.ok && setDelivery(r.value));
    const stopDrafts = client.on('drafts.changed', loadVideos);
    const stopDelivery = client.on('orders.delivery', setDelivery, { orderId: order.id });
    return () => {
      stopDrafts();
      stopDelivery();
    };
  }, [order.id]);

  const send = async (): Promise<void> => {
    if (!draftId) return;
    setBusy(true);
    setError(null);
    const r = await studioClient().orders.send({ orderId: order.id, draftId });
    setBusy(false);
    if (r.ok) setDelivery(r.value);
    else setError(r.error.message);
  };
  const sending = delivery !== null && delivery.state !== 'failed' && delivery.state !== 'cancelled';
  // Once delivered, only the status of the studio's own delivery (if it was sent from here) is left.
  if (order.state !== 'accepted' && !delivery) return null;
  const open = order.state === 'accepted';

  return (
    <div className="requests-send">
      {open ? (
        <div className="requests-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              teleprompterStore.show(order);
              navigate(paths.page('shoot'));
            }}
          >
            {t('requests.send.record')}
          </button>
        </div>
      ) : null}
      {sending || !open ? null : (
        <div className="requests-send__pick">
          <label className="field">
            <span>{t('requests.send.video')}</span>
            <select value={draftId} onChange={(e) => setDraftId(e.currentTarget.value as DraftId | '')}>
              {videos.length === 0 ? <option value="">{t('requests.send.noVideo')}</option> : null}
              {videos.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--primary" disabled={busy || !draftId} onClick={() => void send()}>
            {t('requests.send.send')}
          </button>
        </div>
      )}
      {delivery ? (
        <p className={delivery.state === 'failed' ? 'toast toast--error' : 'toast toast--info'} role="status" aria-label={t('requests.send.statusLabel')}>
          {t(`requests.send.state.${delivery.state}`, { percent: formatPercent(delivery.totalBytes > 0 ? delivery.sentBytes / delivery.totalBytes : 0) })}
          {delivery.lastError && delivery.state !== 'done' ? ` — ${failureMessage(delivery.lastError)}` : ''}
        </p>
      ) : null}
      {delivery?.state === 'done' && delivery.draftId ? <SentVideo draftId={delivery.draftId} /> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The video this studio sent, played from the draft it was sent from (the MP4 that was uploaded). */
function SentVideo({ draftId }: Readonly<{ draftId: DraftId }>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void studioClient()
      .drafts.get({ id: draftId })
      .then((r) => live && setDraft(r.ok && isExported(r.value) ? r.value : null));
    return () => {
      live = false;
    };
  }, [draftId]);
  if (draft === undefined) return null;
  if (draft === null) return <p className="requests-note">{t('requests.send.sentGone')}</p>;
  return (
    <figure className="requests-sent">
      <video controls playsInline preload="metadata" src={mediaSrc(draftMediaUrl(draft.id, draft.mediaFile))} aria-label={t('requests.send.sentVideo')} />
      <figcaption className="requests-note">{t('requests.send.sentFrom', { title: draft.title })}</figcaption>
    </figure>
  );
}
