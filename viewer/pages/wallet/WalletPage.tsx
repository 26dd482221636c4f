import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TOP_UP_MAX_COINS, TOP_UP_MIN_COINS } from '@shared/domain/ledger/amounts';
import { walletRoutes, type Wallet, type WalletEntry } from '@shared/protocol/wallet';
import { Link } from '../../app/Link';
import { parseRoute } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { usePaged } from '../feed/use-paged';
import { TOP_UP_PRESETS, newPurchaseKey, parseCoins, sourceKind } from './wallet-view';

/** `back`: the page that sent the viewer here to top up (an order's Pay page, a live room), offered once coins are bought. */
export function WalletPage({ back }: Readonly<{ back: string | null }>) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  // One key per purchase attempt: a retry after a lost answer must not buy twice.
  const pending = useRef<{ coins: number; key: string } | null>(null);
  const entries = usePaged<WalletEntry>(async (cursor) => {
    const page = await call(walletRoutes.walletEntries, { query: { limit: 20, cursor } });
    return { items: page.entries, nextCursor: page.nextCursor };
  }, `wallet-${generation}`);

  useEffect(() => {
    call(walletRoutes.wallet).then(setWallet, setError);
  }, [generation]);

  const buy = async (coins: number): Promise<void> => {
    if (pending.current?.coins !== coins) pending.current = { coins, key: newPurchaseKey() };
    setBusy(true);
    setNotice(null);
    try {
      const answer = await call(walletRoutes.topUp, { body: { coins, idempotencyKey: pending.current.key } });
      pending.current = null;
      setWallet(answer.wallet);
      setNotice(t('wallet.bought', { coins: number.format(coins) }));
      setGeneration((g) => g + 1);
    } catch (e) {
      setNotice(isFailure(e, 'payment_declined') ? t('wallet.declined') : null);
      if (!isFailure(e, 'payment_declined')) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submitCustom = (event: FormEvent): void => {
    event.preventDefault();
    const coins = parseCoins(custom);
    if (coins === null) return setCustomError(t('wallet.invalidAmount', { min: number.format(TOP_UP_MIN_COINS), max: number.format(TOP_UP_MAX_COINS) }));
    setCustomError(null);
    void buy(coins);
  };

  // Back to a live room reads as such; anything else that sends viewers here is a payment.
  const backToRoom = back !== null && parseRoute(back).page === 'room';

  return (
    <main className="page wallet-page">
      <h1 className="page-title">{t('wallet.title')}</h1>
      {back ? (
        <div className="back-to-pay card">
          <p className="muted">{t(backToRoom ? 'rooms.backToRoomHint' : 'orders.backToPayHint')}</p>
          <Link to={back} className={`button-like${generation > 0 ? ' primary' : ''}`}>
            ← {t(backToRoom ? 'rooms.backToRoom' : 'orders.backToPay')}
          </Link>
        </div>
      ) : null}
      {error ? (
        <ErrorNote
          error={error}
          onRetry={() => {
            setError(null);
            setGeneration((g) => g + 1);
          }}
        />
      ) : null}
      <section className="balances" aria-label={t('wallet.title')}>
        <div className="balance">
          <span className="balance-label">{t('wallet.coins')}</span>
          <span className="balance-value" data-testid="coins">
            {wallet ? number.format(wallet.coins) : '–'}
          </span>
        </div>
        <div className="balance">
          <span className="balance-label">{t('wallet.diamonds')}</span>
          <span className="balance-value" data-testid="diamonds">
            {wallet ? number.format(wallet.diamonds) : '–'}
          </span>
        </div>
        <div className="balance" title={t('wallet.heldHint')}>
          <span className="balance-label">{t('wallet.held')}</span>
          <span className="balance-value" data-testid="held">
            {wallet ? number.format(wallet.heldCoins) : '–'}
          </span>
        </div>
      </section>
      <section className="card top-up">
        <h2>{t('wallet.topUp')}</h2>
        <div className="presets">
          {TOP_UP_PRESETS.map((coins) => (
            <button key={coins} type="button" disabled={busy} onClick={() => void buy(coins)}>
              {t('wallet.buy', { coins: number.format(coins) })}
            </button>
          ))}
        </div>
        <form className="custom-amount" onSubmit={submitCustom} noValidate>
          <label className="field">
            <span className="field-label">{t('wallet.customLabel')}</span>
            <input
              inputMode="numeric"
              name="coins"
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
              aria-invalid={customError ? true : undefined}
              aria-describedby={customError ? 'coins-error' : undefined}
            />
            {customError ? (
              <span className="field-error" id="coins-error" role="alert">
                {customError}
              </span>
            ) : null}
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('wallet.custom')}
          </button>
        </form>
        {notice ? <p role="status">{notice}</p> : null}
      </section>
      <section>
        <h2>{t('wallet.entries')}</h2>
        {entries.paged.started && entries.paged.items.length === 0 ? <p className="empty">{t('wallet.noEntries')}</p> : null}
        <ul className="entries">
          {entries.paged.items.map((entry) => (
            <li key={entry.id} className="entry">
              <span className="entry-source">{t(`wallet.sources.${sourceKind(entry.source)}`)}</span>
              <span className="entry-time">{dateTime.format(entry.at)}</span>
              <span className={`entry-amount ${entry.amount >= 0 ? 'in' : 'out'}`}>
                {entry.amount >= 0 ? '+' : '−'}
                {number.format(Math.abs(entry.amount))} {entry.currency === 'coin' ? t('wallet.coins') : t('wallet.diamonds')}
              </span>
            </li>
          ))}
        </ul>
        <div ref={entries.sentinel} className="sentinel" aria-hidden="true" />
      </section>
    </main>
  );
}
