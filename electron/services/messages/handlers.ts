import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { MessagesService } from './messages-service';

/** The messages noun: the studio account's conversations, through the platform. */
export function messagesHandlers(service: MessagesService): Pick<HandlersOf<StudioContract>, 'messages'> {
  return {
    messages: {
      conversations: ({ cursor }) => service.conversations(cursor),
      open: ({ withHandle }) => service.open(withHandle),
      history: ({ conversationId, cursor }) => service.history(conversationId, cursor),
      send: ({ conversationId, text, idempotencyKey }) => service.send(conversationId, text, idempotencyKey),
      read: ({ conversationId, upToMessageId }) => service.read(conversationId, upToMessageId),
      unread: () => service.unread(),
    },
  };
}
