import { navigate } from '../app/router';
import { paths } from '../app/routes';

/** A platform page while signed out: why it is empty, and the way to Settings → Platform account. */
export function SignedOutNote({ message, action }: Readonly<{ message: string; action: string }>) {
  return (
    <p className="toast toast--info">
      <span>{message}</span>
      <button type="button" className="button" onClick={() => navigate(paths.page('settings'))}>
        {action}
      </button>
    </p>
  );
}
