/** The Electron IPC channels besides the contract's own methods: event (un)subscriptions and deliveries. */
export const SUBSCRIBE_CHANNEL = 'studio:subscribe';
export const UNSUBSCRIBE_CHANNEL = 'studio:unsubscribe';
export const EVENT_CHANNEL = 'studio:event';
