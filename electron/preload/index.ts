import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../../shared/ipc/client';
import { contract, events } from '../../shared/ipc/contract';

/**
 * Exposes exactly the contract as `window.studio`: one function per contract method (channel names
 * derived from the contract's keys) and `on` for the contract's pushed events. ipcRenderer itself
 * never crosses the bridge.
 */
const client = createClient(contract, (channel, input) => ipcRenderer.invoke(channel, input));
const eventNames = new Set(Object.keys(events));

contextBridge.exposeInMainWorld('studio', {
  ...client,
  host: 'electron',
  on(name: string, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(name)) throw new Error(`Unknown studio event "${String(name).slice(0, 60)}"`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(`event:${name}`, wrapped);
    return () => ipcRenderer.removeListener(`event:${name}`, wrapped);
  },
});
