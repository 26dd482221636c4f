import type { FastifyPluginAsync } from 'fastify';
import { messagesRoutes } from '@shared/protocol/messages';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { MessagesService } from './service';

export interface MessagesOptions {
  readonly route: RouteOptions;
  readonly messages: MessagesService;
}

const notFound = (): never => {
  // Not a participant and no such conversation look the same: its existence is not the caller's business.
  throw new ApiError('not_found', 'No such conversation');
};

/** Conversations between two accounts, their messages and read marks, and the block list. */
export const messagesFeature: FastifyPluginAsync<MessagesOptions> = async (app, { route, messages }) => {
  addRoute(app, route, messagesRoutes.openConversation, ({ session, body }) => messages.open(session.user.id, body.withHandle));

  addRoute(app, route, messagesRoutes.listConversations, ({ session, query }) => messages.list(session.user.id, query));

  addRoute(app, route, messagesRoutes.unreadMessages, async ({ session }) => ({ unreadCount: await messages.unreadTotal(session.user.id) }));

  addRoute(app, route, messagesRoutes.getConversation, async ({ session, params }) => (await messages.get(session.user.id, params.id)) ?? notFound());

  addRoute(app, route, messagesRoutes.listMessages, async ({ session, params, query }) => (await messages.messages(session.user.id, params.id, query)) ?? notFound());

  addRoute(app, route, messagesRoutes.sendMessage, async ({ session, params, body, setStatus }) => {
    const { message, replayed } = await messages.send(session.user.id, params.id, body);
    if (replayed) setStatus(200);
    return message;
  });

  addRoute(app, route, messagesRoutes.markRead, ({ session, params, body }) => messages.markRead(session.user.id, params.id, body.upToMessageId));

  addRoute(app, route, messagesRoutes.listBlocks, ({ session }) => messages.blocks(session.user.id));

  addRoute(app, route, messagesRoutes.block, async ({ session, body }) => {
    await messages.block(session.user.id, body.handle);
    return null;
  });

  addRoute(app, route, messagesRoutes.unblock, async ({ session, params }) => {
    await messages.unblock(session.user.id, params.handle);
    return null;
  });
};
