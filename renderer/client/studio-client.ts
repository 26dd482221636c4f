import { localizedClient } from './localized-client';
import type { StudioClient } from './studio-client-type';
import { createWsStudio } from './ws-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser-hosted studio. */
    readonly studio?: StudioClient;
  }
}

let client: StudioClient | null = null;

export function studioClient(): StudioClient {
  client ??= localizedClient(window.studio ?? createWsStudio(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc`));
  return client;
}
