import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/ipc/platform-schemas';
import type { Result } from '../../../shared/ipc/result';
import { studioClient } from '../../client/studio-client';
import { Segmented } from '../../components/Segmented';
import { accountStore, useAccount } from '../../publishing/account-store';
import './platform-account.css';

type Mode = 'sign-in' | 'register';
const MODES = [
  { value: 'sign-in', label: 'Sign in' },
  { value: 'register', label: 'Register' },
] as const;

/** Settings → Platform account: sign in, register, sign out. Errors are the platform's own words (wrong password, too many attempts, offline). */
export function PlatformAccount() {
  const account = useAccount();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<Result<AccountView>>): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    accountStore.set(result.value);
    setPassword('');
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const client = studioClient();
    void run(() => (mode === 'sign-in' ? client.account.login({ handle, password }) : client.account.register({ handle, password, displayName })));
  };

  return (
    <section className="settings-section platform-account" aria-labelledby="platform-account-title">
      <h2 id="platform-account-title">Platform account</h2>
      <p className="platform-account__where">{account?.platformUrl ? `Platform: ${account.platformUrl}` : 'No platform is configured.'}</p>
      {account?.signedIn && account.user ? (
        <div className="platform-account__who">
          <p role="status">
            Signed in as <strong>{account.user.displayName}</strong> (@{account.user.handle})
          </p>
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => studioClient().account.logout())}>
            Sign out
          </button>
        </div>
      ) : (
        <form className="platform-account__form" onSubmit={onSubmit} aria-label={mode === 'sign-in' ? 'Sign in to the platform' : 'Create a platform account'}>
          {account?.reason ? (
            <p className="toast toast--info" role="status">
              You were signed out: {account.reason}. Sign in again; queued posts are kept.
            </p>
          ) : null}
          <Segmented label="Account action" options={MODES} value={mode} onChange={setMode} />
          <label className="field">
            <span>Handle</span>
            <input value={handle} onChange={(e) => setHandle(e.target.value)} autoComplete="username" required aria-label="Handle" />
          </label>
          {mode === 'register' ? (
            <label className="field">
              <span>Display name</span>
              <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="nickname" required aria-label="Display name" />
            </label>
          ) : null}
          <label className="field">
            <span>Password</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'} required aria-label="Password" />
          </label>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={busy}>
            {mode === 'sign-in' ? 'Sign in' : 'Create account'}
          </button>
        </form>
      )}
    </section>
  );
}
