import { useTranslation } from 'react-i18next';
import { occasionIn } from '@shared/protocol/platform-texts';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { currentLanguage } from '../../i18n/i18n';
import { teleprompterStore, useTeleprompter } from './teleprompter-store';
import './requests.css';

/** Shoot's teleprompter panel while recording for a request: who, how to address them, occasion, instructions. */
export function Teleprompter() {
  const { t } = useTranslation();
  const order = useTeleprompter();
  if (!order) return null;
  return (
    <section className="teleprompter" aria-label={t('requests.teleprompter.label')}>
      <h2>{t('requests.teleprompter.title', { handle: order.requester.handle })}</h2>
      <dl>
        <dt>{t('requests.detail.forWhom')}</dt>
        <dd>{order.info.name ? `${order.info.forWhom} · ${order.info.name}` : order.info.forWhom}</dd>
        <dt>{t('requests.detail.address')}</dt>
        <dd className="teleprompter__address">{order.info.address}</dd>
        <dt>{t('requests.detail.occasion')}</dt>
        <dd>{occasionIn(currentLanguage(), order.info.occasion)}</dd>
        <dt>{t('requests.detail.instructions')}</dt>
        <dd className="teleprompter__script">{order.info.instructions || t('requests.detail.noInstructions')}</dd>
      </dl>
      <div className="requests-actions">
        <button type="button" className="button" onClick={() => navigate(paths.requests(order.id))}>
          {t('requests.teleprompter.back')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => teleprompterStore.close()}>
          {t('requests.teleprompter.hide')}
        </button>
      </div>
    </section>
  );
}
