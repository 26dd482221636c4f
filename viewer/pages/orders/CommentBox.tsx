import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_MAX_CHARS, charCount, checkComment } from '@shared/domain/orders/info';
import { orderRoutes, type Order } from '@shared/protocol/orders';
import { call } from '../../client/api';
import { Stars } from './IntroPage';
import { mayComment } from './order-view';

/** Comment once after delivery: 1–5 stars and/or text; Post stays disabled until something is entered. Afterwards, the comment. */
export function CommentBox({ order, replace }: Readonly<{ order: Order; replace: (order: Order) => void }>) {
  const { t } = useTranslation();
  const [stars, setStars] = useState<number | undefined>(undefined);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  if (order.comment)
    return (
      <div className="posted-comment">
        {order.comment.stars ? <Stars n={order.comment.stars} /> : null}
        {order.comment.text ? <p className="prewrap">{order.comment.text}</p> : null}
        {result?.ok ? <p role="status">{result.text}</p> : null}
      </div>
    );
  if (!mayComment(order)) return null;
  const checked = checkComment({ stars, text, anonymous });
  const post = async (): Promise<void> => {
    if (!checked.ok) return;
    setBusy(true);
    setResult(null);
    try {
      const updated = await call(orderRoutes.commentOrder, { params: { id: order.id }, body: checked.value });
      setResult({ ok: true, text: t('orders.posted') });
      replace(updated);
    } catch (e) {
      setResult({ ok: false, text: t('orders.failed', { reason: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="comment-box">
      <fieldset className="star-picker">
        <legend className="field-label">{t('orders.stars')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            className={`star${stars !== undefined && n <= stars ? ' on' : ''}`}
            aria-pressed={stars === n}
            aria-label={t('orders.starN', { count: n })}
            onClick={() => setStars(stars === n ? undefined : n)}
          >
            ★
          </button>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">{t('orders.commentText')}</span>
        <textarea rows={3} value={text} maxLength={COMMENT_MAX_CHARS * 2} onChange={(e) => setText(e.target.value)} aria-invalid={charCount(text.trim()) > COMMENT_MAX_CHARS ? true : undefined} />
        <span className="field-hint">{t('orders.instructionsCount', { count: charCount(text.trim()), max: COMMENT_MAX_CHARS })}</span>
      </label>
      <label className="toggle">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        {t('orders.commentAnonymous')}
      </label>
      <button type="button" className="primary" disabled={busy || !checked.ok} onClick={() => void post()}>
        {t('orders.post')}
      </button>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? undefined : 'form-error'}>
          {result.text}
        </p>
      ) : null}
    </div>
  );
}
