import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderRoutes, type Order } from '@shared/protocol/orders';
import { API_PREFIX } from '@shared/protocol/routes';
import { call } from '../../client/api';
import { checkForward, forwardProblem, normalHandle, type ForwardProblem } from './forward';

type Mode = 'closed' | 'menu' | 'send';

/** Forward on a delivered order: "Copy link" (a public link, as before) or "Send to someone" through messages. */
export function ForwardBox({ order }: Readonly<{ order: Order }>) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('closed');
  const [note, setNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    setFailure(null);
    try {
      const link = await call(orderRoutes.shareOrder, { params: { id: order.id }, body: { public: true } });
      const url = new URL(API_PREFIX + link.videoPath, location.origin).toString();
      try {
        await navigator.clipboard.writeText(url);
        setNote(t('orders.linkCopied'));
      } catch {
        // No clipboard (permission or an insecure origin): show the link to copy by hand.
        setNote(t('orders.linkReady', { url }));
      }
      setMode('closed');
    } catch (e) {
      setFailure(t('orders.failed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <div className="forward-box">
      {mode === 'closed' ? (
        <button type="button" onClick={() => setMode('menu')} aria-expanded={false}>
          {t('orders.forward')}
        </button>
      ) : (
        <div className="forward-menu" role="group" aria-label={t('orders.forward')}>
          <button type="button" onClick={() => void copy()}>
            {t('orders.forwardCopy')}
          </button>
          <button type="button" className={mode === 'send' ? 'primary' : undefined} aria-expanded={mode === 'send'} onClick={() => setMode('send')}>
            {t('orders.forwardSend')}
          </button>
        </div>
      )}
      {mode === 'send' ? (
        <SendForm
          order={order}
          onSent={(handle) => {
            setNote(t('orders.forwardSent', { handle }));
            setMode('closed');
          }}
          onCancel={() => setMode('closed')}
        />
      ) : null}
      {note ? (
        <p role="status" className="share-note">
          {note}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="form-error">
          {failure}
        </p>
      ) : null}
    </div>
  );
}

function SendForm({ order, onSent, onCancel }: Readonly<{ order: Order; onSent: (handle: string) => void; onCancel: () => void }>) {
  const { t } = useTranslation();
  const [toHandle, setToHandle] = useState('');
  const [text, setText] = useState('');
  // One key per attempt at the same recipient and note: a retry after a lost answer sends once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [problem, setProblem] = useState<ForwardProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = (apply: () => void): void => {
    apply();
    setKey(crypto.randomUUID());
    setProblem(null);
  };
  const send = async (): Promise<void> => {
    const checked = checkForward(toHandle, text);
    if (checked) return setProblem(checked);
    setBusy(true);
    try {
      const note = text.trim();
      const sent = await call(orderRoutes.forwardOrder, { params: { id: order.id }, body: { toHandle: normalHandle(toHandle), ...(note ? { note } : {}), idempotencyKey: key } });
      onSent(sent.to.handle);
    } catch (e) {
      setProblem(forwardProblem(e));
    } finally {
      setBusy(false);
    }
  };
  const handleError = problem?.field === 'toHandle' ? t(`orders.forwardProblems.${problem.kind}`, { handle: normalHandle(toHandle) }) : null;
  const noteError = problem?.field === 'note' ? t('orders.problems.tooLong', { max: problem.max }) : null;
  return (
    <form
      className="forward-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="forward-to">
          {t('orders.forwardTo')}
        </label>
        <input
          id="forward-to"
          value={toHandle}
          autoComplete="off"
          autoCapitalize="none"
          placeholder="@handle"
          maxLength={41}
          aria-invalid={handleError ? true : undefined}
          aria-describedby={handleError ? 'forward-to-error' : undefined}
          onChange={(e) => edit(() => setToHandle(e.target.value))}
        />
        {handleError ? (
          <span className="field-error" id="forward-to-error" role="alert">
            {handleError}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="forward-note">
          {t('orders.forwardNote')}
        </label>
        <textarea
          id="forward-note"
          rows={2}
          value={text}
          maxLength={410}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? 'forward-note-error' : undefined}
          onChange={(e) => edit(() => setText(e.target.value))}
        />
        {noteError ? (
          <span className="field-error" id="forward-note-error" role="alert">
            {noteError}
          </span>
        ) : null}
      </div>
      {problem?.field === 'form' ? (
        <p role="alert" className="form-error">
          {t('orders.failed', { reason: problem.reason })}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t('orders.forwardCancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('orders.forwardSendButton')}
        </button>
      </div>
    </form>
  );
}
