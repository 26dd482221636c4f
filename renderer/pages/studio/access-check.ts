import { useEffect, useState } from 'react';
import { useConnection } from '../../client/connection-store';

/** How long the socket may be down before the page asks the host whether it is still let in. */
const GRACE_MS = 1500;
const EVERY_MS = 5000;

/**
 * True when the browser-hosted studio refuses this page (401: its token cookie is not this host's —
 * another studio on the machine overwrote it, or the host was restarted with a new token). A
 * WebSocket cannot tell a refusal from a host that is down, so while it is down the page asks the
 * host for its own address once in a while; 401 means refused, anything else means "not up yet".
 */
export function useAccessRefused(): boolean {
  const connection = useConnection();
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (connection === 'open') {
      setRefused(false);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const check = (): void => {
      void fetch(`${location.origin}/`, { cache: 'no-store', credentials: 'same-origin' })
        .then((r) => live && setRefused(r.status === 401))
        .catch(() => live && setRefused(false))
        .finally(() => {
          if (live) timer = setTimeout(check, EVERY_MS);
        });
    };
    timer = setTimeout(check, GRACE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [connection]);
  return refused;
}
