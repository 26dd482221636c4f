import type { ClientOf } from '../../shared/ipc/define';
import type { Subscribe } from '../../shared/ipc/client';
import type { StudioContract, StudioEvents } from '../../shared/ipc/contract';
import { createWsStudio } from './ws-transport';

/** The one client the renderer uses, over Electron IPC (`window.studio`) or the browser host's WebSocket. */
export type StudioClient = ClientOf<StudioContract> & {
  readonly on: Subscribe<StudioEvents>;
  readonly host: 'electron' | 'browser';
};

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser-hosted studio. */
    readonly studio?: StudioClient;
  }
}

let client: StudioClient | null = null;

export function studioClient(): StudioClient {
  client ??= window.studio ?? createWsStudio(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc`);
  return client;
}
