import { syncedStore, useStore } from './synced-store';

/** 'refused': the host closed this page's socket as not let in (close 4401: a stale or another studio's token). */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

/** Whether the browser-hosted studio's socket is up (Electron IPC is always 'open'). */
export const connectionStore = syncedStore<ConnectionState>('open');

/** The host's own reason when it refused this page (the close frame's text); null otherwise. */
export const refusalStore = syncedStore<string | null>(null);

export const useConnection = (): ConnectionState => useStore(connectionStore);
export const useRefusal = (): string | null => useStore(refusalStore);
