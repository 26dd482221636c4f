import { useConnection } from '../../client/connection-store';

/**
 * True when the browser-hosted studio refuses this page: the host closed its socket with 4401 (its
 * token cookie is not this host's — another studio on the machine overwrote it, or the host was
 * restarted with a rotated token). The app-wide notice says why; the stage stops saying "Loading…".
 */
export const useAccessRefused = (): boolean => useConnection() === 'refused';
