import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderRoutes } from '@shared/protocol/orders';
import { walletRoutes, type Wallet } from '@shared/protocol/wallet';
import { Link } from '../../app/Link';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { checkForm, dropDraft, loadDraft } from './order-form';
import { notOrderable } from './order-view';
import { optionLabel } from './option-label';
import { useCreatorPage } from './use-creator-page';
import { useSession } from '../../client/session-store';
import './orders.css';

/**
 * Paying for the request: the balance now and after, "Confirm payment". When the coins are short,
 * the wallet's top-up comes back here (`/wallet?back=`) and finds the same request (the kept draft,
 * with its idempotency key, so a retry never orders twice).
 */
export function PayPage({ handle }: Readonly<{ handle: string }>) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const session = useSession();
  const { page, error: pageError, retry } = useCreatorPage(handle);
  const [draft] = useState(() => loadDraft(sessionStorage, handle));
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [paying, setPaying] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    call(walletRoutes.wallet).then(setWallet, setError);
  }, [generation]);

  const checked = draft ? checkForm(draft.form) : null;
  if (!draft || !checked?.ok)
    return (
      <main className="page">
        <p className="empty">{t('orders.noDraft')}</p>
        <Link to={paths.customIntro(handle)}>{t('orders.introTitle', { name: page?.creator.displayName ?? handle })}</Link>
      </main>
    );
  if ((pageError && !page) || (error && !wallet))
    return (
      <main className="page">
        <ErrorNote
          error={pageError ?? error}
          onRetry={() => {
            retry();
            setError(null);
            setGeneration((g) => g + 1);
          }}
        />
      </main>
    );
  if (!page?.customization || !wallet)
    return (
      <main className="page">
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  const price = page.customization.priceCoins;
  const shortfall = Math.max(0, price - wallet.coins);
  const refusal = notOrderable(page, session.status === 'signed-in' ? session.user.handle : null);
  const info = checked.info;
  const occasionLabel = optionLabel(t, 'occasionOptions', info.occasion);

  const pay = async (): Promise<void> => {
    setPaying(true);
    setFailure(null);
    try {
      const order = await call(orderRoutes.createOrder, { body: { creatorHandle: handle, info, idempotencyKey: draft.key } });
      dropDraft(sessionStorage, handle);
      navigate(paths.order(order.id), { replace: true });
    } catch (e) {
      if (isFailure(e, 'insufficient_funds')) setGeneration((g) => g + 1);
      else setFailure(e instanceof Error ? e.message : String(e));
      setPaying(false);
    }
  };

  return (
    <main className="page pay-page">
      <Link to={paths.orderForm(handle)} className="back-link">
        ← {t('orders.editRequest')}
      </Link>
      <h1 className="page-title">{t('orders.payTitle')}</h1>
      <section className="card pay-summary">
        <p>{t('orders.payFor', { occasion: occasionLabel, who: info.name ?? info.address, name: page.creator.displayName })}</p>
        <dl className="facts">
          <div>
            <dt>{t('orders.price')}</dt>
            <dd data-testid="pay-price">{number.format(price)}</dd>
          </div>
          <div>
            <dt>{t('orders.balance')}</dt>
            <dd data-testid="balance">{number.format(wallet.coins)}</dd>
          </div>
          <div>
            <dt>{t('orders.after')}</dt>
            <dd data-testid="balance-after" className={shortfall > 0 ? 'short' : undefined}>
              {shortfall > 0 ? `−${number.format(shortfall)}` : number.format(wallet.coins - price)}
            </dd>
          </div>
        </dl>
        <p className="muted">{t('orders.held')}</p>
      </section>
      {refusal && refusal !== 'signed_out' ? (
        <p className="error-note" role="alert">
          {t('orders.readOnly', { reason: t(`orders.reasons.${refusal}`) })}
        </p>
      ) : null}
      {shortfall > 0 ? (
        <div className="short-note card" role="status">
          <p>{t('orders.short', { shortfall: number.format(shortfall) })}</p>
          <Link className="button-like primary wide" to={paths.wallet(paths.orderPay(handle))}>
            {t('orders.topUp')}
          </Link>
        </div>
      ) : null}
      {failure ? (
        <p className="form-error" role="alert">
          {t('orders.failed', { reason: failure })}
        </p>
      ) : null}
      <div className="request-bar">
        <button type="button" className="primary wide" disabled={paying || shortfall > 0 || (refusal !== null && refusal !== 'signed_out')} onClick={() => void pay()}>
          {paying ? t('orders.paying') : t('orders.confirmPay')}
        </button>
      </div>
    </main>
  );
}
