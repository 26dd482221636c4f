import type { Message } from '@shared/protocol/messages';

/**
 * Adds messages (a page, newest first, or one live) to a conversation shown oldest first: each
 * once (a live event and the send answer carry the same message), ordered by time then id.
 */
export function mergeMessages(shown: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(shown.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
