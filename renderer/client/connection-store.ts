import { syncedStore, useStore } from './synced-store';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** Whether the browser-hosted studio's socket is up (Electron IPC is always 'open'). */
export const connectionStore = syncedStore<ConnectionState>('open');

export const useConnection = (): ConnectionState => useStore(connectionStore);
