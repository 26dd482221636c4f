import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '@shared/ipc/client';
import { contract, events } from '@shared/ipc/contract';
import { EVENT_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from '@shared/ipc/electron-channels';
import { EventSubscriber } from '@shared/ipc/subscriptions';

/**
 * Exposes exactly the contract as `window.studio`: one function per contract method (channel names
 * derived from the contract's keys) and `on(name, listener, arg?)` for the contract's pushed
 * events, which main sends this window only once subscribed. ipcRenderer itself never crosses the
 * bridge.
 */
const client = createClient(contract, (channel, input) => ipcRenderer.invoke(channel, input));
const subscriber = new EventSubscriber(events, (message) => ipcRenderer.send(message.t === 'sub' ? SUBSCRIBE_CHANNEL : UNSUBSCRIBE_CHANNEL, message));
ipcRenderer.on(EVENT_CHANNEL, (_event, delivery: unknown) => subscriber.deliver(delivery));

contextBridge.exposeInMainWorld('studio', {
  ...client,
  host: 'electron',
  on: (name: string, listener: (payload: unknown) => void, arg?: unknown): (() => void) => subscriber.on(name, listener, arg),
});
