import type { Subscribe } from '@shared/ipc/client';
import type { StudioContract, StudioEvents } from '@shared/ipc/contract';
import type { ClientOf } from '@shared/ipc/define';

/**
 * The one client the renderer uses, over Electron IPC (`window.studio`) or the browser host's
 * WebSocket. Its own module, so the transports and `studio-client.ts` (which picks one) both
 * import it without importing each other.
 */
export type StudioClient = ClientOf<StudioContract> & {
  readonly on: Subscribe<StudioEvents>;
  readonly host: 'electron' | 'browser';
};
