import { useTranslation } from 'react-i18next';
import type { OrderId } from '@shared/protocol/orders';
import { useRouteId } from '../../app/router';
import { formatNumber } from '../../components/format';
import { useAccount } from '../../publishing/account-store';
import { OrderDetail } from './OrderDetail';
import { OrderList } from './OrderList';
import { useOrdersSummary } from './requests-store';
import { ServicePanel } from './ServicePanel';
import './requests.css';
import { SignedOutNote } from '../../components/SignedOutNote';

/** `/requests[/<orderId>]`: the creator's custom-video service, income, and the requests it receives, live. */
export function RequestsPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const openId = useRouteId('requests') as OrderId | null;

  return (
    <section className="page requests-page" aria-labelledby="requests-title">
      <header className="page__header">
        <div>
          <h1 id="requests-title">{t('requests.title')}</h1>
          <p className="page__subtitle">{t('requests.subtitle')}</p>
        </div>
      </header>
      {account && !account.signedIn ? (
        <SignedOutNote message={t('requests.signedOut')} action={t('messages.goToSettings')} />
      ) : (
        <div className="requests-body">
          <div className="requests-side">
            <ServicePanel />
            <Income />
          </div>
          <div className="requests-main">
            <OrderList openId={openId} />
            {openId ? <OrderDetail key={openId} orderId={openId} /> : null}
          </div>
        </div>
      )}
    </section>
  );
}

function Income() {
  const { t } = useTranslation();
  const summary = useOrdersSummary();
  return (
    <section className="requests-card" aria-labelledby="income-title">
      <h2 id="income-title">{t('requests.income.title')}</h2>
      <dl className="requests-income">
        <div>
          <dt>{t('requests.income.total')}</dt>
          <dd>{summary ? t('requests.diamonds', { count: summary.totalDiamonds, value: formatNumber(summary.totalDiamonds) }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('requests.income.month')}</dt>
          <dd>{summary ? t('requests.diamonds', { count: summary.monthDiamonds, value: formatNumber(summary.monthDiamonds) }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('requests.income.escrow')}</dt>
          <dd>{summary ? t('requests.coins', { count: summary.escrowCoins, value: formatNumber(summary.escrowCoins) }) : '—'}</dd>
        </div>
      </dl>
      <p className="requests-note">{t('requests.income.note')}</p>
    </section>
  );
}
