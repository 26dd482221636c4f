import { FAILURE_TEXT } from '@shared/ipc/failure-catalog';

/**
 * Why main refused, in English: the table main itself fills its English messages from
 * (shared/ipc/failure-catalog.ts), so the English studio reads exactly what main wrote. `failures` in en.ts.
 */
export const failuresEn = FAILURE_TEXT;
