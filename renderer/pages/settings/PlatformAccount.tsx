import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AccountView } from '@shared/ipc/platform-schemas';
import type { Result } from '@shared/ipc/result';
import { Segmented } from '../../components/Segmented';
import { LoginRequest, RegisterRequest } from '@shared/protocol/auth';
import { accountClient, useAccount } from '../../publishing/account-store';
import { NO_ERRORS, formErrors, schemaErrors, type FormErrors } from '../form-errors';
import './platform-account.css';

type Mode = 'sign-in' | 'register';
type Field = 'handle' | 'password' | 'displayName';
const FIELDS: readonly Field[] = ['handle', 'password', 'displayName'];
/** Each field's rule, said up front (register) and again at the field when it is broken. */
const RULES = { handle: 'account.handleRule', password: 'account.passwordRule', displayName: 'account.displayNameRule' } as const;

/** Settings → Platform account: sign in, register, sign out. Errors are the platform's own words (wrong password, too many attempts, offline). */
export function PlatformAccount() {
  const { t } = useTranslation();
  const account = useAccount();
  const modes = [
    { value: 'sign-in', label: t('account.signIn') },
    { value: 'register', label: t('account.register') },
  ] as const;
  const [mode, setMode] = useState<Mode>('sign-in');
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  // A broken field is told in the studio's language with its rule, not in the schema's English.
  const show = (found: FormErrors): void => {
    const fields: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) if (found.fields[f]) fields[f] = t(RULES[f]);
    setErrors({ fields, form: found.form });
    const first = FIELDS.find((f) => fields[f]);
    if (first) document.getElementById(`account-${first}`)?.focus();
  };

  const run = async (call: () => Promise<Result<AccountView>>): Promise<void> => {
    setBusy(true);
    setErrors(NO_ERRORS);
    const result = await call();
    setBusy(false);
    if (!result.ok) return show(formErrors(result.error, FIELDS, t('account.failed')));
    setPassword('');
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    // The rules main and the platform apply, checked here first so the answer is immediate.
    const checked = mode === 'sign-in' ? LoginRequest.safeParse({ handle, password }) : RegisterRequest.safeParse({ handle, password, displayName });
    if (!checked.success) return show(schemaErrors(checked.error, FIELDS));
    void run(() => (mode === 'sign-in' ? accountClient.signIn(handle, password) : accountClient.register(handle, password, displayName)));
  };
  const fieldError = (f: Field) =>
    errors.fields[f] ? (
      <span className="form-error" id={`account-${f}-error`} role="alert">
        {errors.fields[f]}
      </span>
    ) : null;
  // The rule is said once: as a hint, or (in red) as the field's error.
  const described = (f: Field, hint: boolean): string | undefined => (errors.fields[f] ? `account-${f}-error` : hint ? `account-${f}-rule` : undefined);
  const registering = mode === 'register';

  return (
    <section className="settings-section platform-account" aria-labelledby="platform-account-title">
      <h2 id="platform-account-title">{t('account.title')}</h2>
      <p className="platform-account__where">{account?.platformUrl ? t('account.platform', { url: account.platformUrl }) : t('account.noPlatform')}</p>
      {account?.signedIn && account.user ? (
        <div className="platform-account__who">
          <p role="status">
            <Trans i18nKey="account.signedInAs" values={{ name: account.user.displayName, handle: account.user.handle }} components={{ b: <strong /> }} />
          </p>
          <button type="button" className="button" disabled={busy} onClick={() => void run(accountClient.signOut)}>
            {t('account.signOut')}
          </button>
        </div>
      ) : (
        <form className="platform-account__form" onSubmit={onSubmit} aria-label={t(mode === 'sign-in' ? 'account.signInForm' : 'account.registerForm')}>
          {account?.reason ? (
            <p className="toast toast--info" role="status">
              {t('account.signedOut', { reason: account.reason })}
            </p>
          ) : null}
          <Segmented label={t('account.action')} options={modes} value={mode} onChange={setMode} />
          <label className="field">
            <span>{t('account.handle')}</span>
            <input
              id="account-handle"
              value={handle}
              onChange={(e) => setHandle(e.target.value)}
              autoComplete="username"
              required
              aria-label={t('account.handle')}
              aria-invalid={errors.fields.handle ? true : undefined}
              aria-describedby={described('handle', registering)}
            />
            {registering && !errors.fields.handle ? (
              <span className="field__hint" id="account-handle-rule">
                {t('account.handleRule')}
              </span>
            ) : null}
            {fieldError('handle')}
          </label>
          {mode === 'register' ? (
            <label className="field">
              <span>{t('account.displayName')}</span>
              <input
                id="account-displayName"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
                autoComplete="nickname"
                required
                aria-label={t('account.displayName')}
                aria-invalid={errors.fields.displayName ? true : undefined}
                aria-describedby={described('displayName', false)}
              />
              {fieldError('displayName')}
            </label>
          ) : null}
          <label className="field">
            <span>{t('account.password')}</span>
            <input
              id="account-password"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
              required
              aria-label={t('account.password')}
              aria-invalid={errors.fields.password ? true : undefined}
              aria-describedby={described('password', registering)}
            />
            {registering && !errors.fields.password ? (
              <span className="field__hint" id="account-password-rule">
                {t('account.passwordRule')}
              </span>
            ) : null}
            {fieldError('password')}
          </label>
          {errors.form ? (
            <p className="form-error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(mode === 'sign-in' ? 'account.signIn' : 'account.createAccount')}
          </button>
        </form>
      )}
    </section>
  );
}
