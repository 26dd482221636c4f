import type { TFunction } from 'i18next';
import { FOR_WHOM_OPTIONS, OCCASION_OPTIONS } from '@shared/domain/orders/info';

/** An option the form offers, in the page's language; free text (a name, another occasion) as typed. */
export function optionLabel(t: TFunction, list: 'forWhomOptions' | 'occasionOptions', value: string): string {
  if (list === 'forWhomOptions') return (FOR_WHOM_OPTIONS as readonly string[]).includes(value) ? t(`orders.forWhomOptions.${value as (typeof FOR_WHOM_OPTIONS)[number]}`) : value;
  return (OCCASION_OPTIONS as readonly string[]).includes(value) ? t(`orders.occasionOptions.${value as (typeof OCCASION_OPTIONS)[number]}`) : value;
}
