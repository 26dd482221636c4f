import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/Link';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { signIn, signUp } from '../../client/session-store';
import { failureToFieldError, validateAuth, type AuthField, type AuthMode, type FieldError } from './auth-form';

export function SignInPage({ mode, next }: Readonly<{ mode: AuthMode; next: string | null }>) {
  const { t } = useTranslation();
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const signUpMode = mode === 'sign-up';

  const errorAt = (field: AuthField): string | null => {
    const error = errors.find((e) => e.field === field);
    return error ? t(`auth.errors.${error.key}`, { message: error.message ?? '' }) : null;
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found = validateAuth(mode, { handle, password, displayName });
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      if (signUpMode) await signUp(handle, password, displayName);
      else await signIn(handle, password);
      navigate(next ?? paths.feed(), { replace: true });
    } catch (error) {
      setErrors([failureToFieldError(error)]);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Exclude<AuthField, 'form'>, label: string, input: ReactElement, hint?: string) => {
    const error = errorAt(name);
    return (
      <label className="field">
        <span className="field-label">{label}</span>
        {input}
        {hint && !error ? <span className="field-hint">{hint}</span> : null}
        {error ? (
          <span className="field-error" id={`${name}-error`} role="alert">
            {error}
          </span>
        ) : null}
      </label>
    );
  };
  const described = (name: AuthField) => (errorAt(name) ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {});

  return (
    <main className="page auth-page">
      <form className="card auth-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{signUpMode ? t('auth.signUpTitle') : t('auth.signInTitle')}</h1>
        {field(
          'handle',
          t('auth.handle'),
          <input name="handle" autoComplete="username" autoCapitalize="none" spellCheck={false} value={handle} onChange={(e) => setHandle(e.target.value)} {...described('handle')} />,
          signUpMode ? t('auth.handleHint') : undefined,
        )}
        {signUpMode
          ? field(
              'displayName',
              t('auth.displayName'),
              <input name="displayName" autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} {...described('displayName')} />,
            )
          : null}
        {field(
          'password',
          t('auth.password'),
          <input
            name="password"
            type="password"
            autoComplete={signUpMode ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...described('password')}
          />,
        )}
        {errorAt('form') ? (
          <p className="form-error" role="alert">
            {errorAt('form')}
          </p>
        ) : null}
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t('auth.working') : signUpMode ? t('auth.submitSignUp') : t('auth.submitSignIn')}
        </button>
        <Link className="switch-link" to={signUpMode ? paths.signIn(next ?? undefined) : paths.signUp(next ?? undefined)}>
          {signUpMode ? t('auth.toSignIn') : t('auth.toSignUp')}
        </Link>
      </form>
    </main>
  );
}
