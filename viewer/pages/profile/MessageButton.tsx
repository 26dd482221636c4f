import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messagesRoutes } from '@shared/protocol/messages';
import { currentPath, navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { call } from '../../client/api';
import { useSession } from '../../client/session-store';
import { ErrorNote } from '../ErrorNote';

/** "Message": opens (or makes, once) the conversation with this person. */
export function MessageButton({ handle }: Readonly<{ handle: string }>) {
  const { t } = useTranslation();
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (session.status === 'signed-in' && session.user.handle === handle) return null;
  const open = async (): Promise<void> => {
    if (session.status !== 'signed-in') return navigate(paths.signIn(currentPath()));
    setBusy(true);
    setError(null);
    try {
      const conversation = await call(messagesRoutes.openConversation, { body: { withHandle: handle } });
      navigate(paths.messages(conversation.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => void open()} disabled={busy}>
        {t('profile.message')}
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </>
  );
}
