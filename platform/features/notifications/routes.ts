import type { FastifyPluginAsync } from 'fastify';
import { notificationsRoutes } from '@shared/protocol/notifications';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { NotificationsService } from './service';

export interface NotificationsOptions {
  readonly route: RouteOptions;
  readonly notifications: NotificationsService;
}

/** The caller's notifications: the list, marking read, the bell's count. */
export const notificationsFeature: FastifyPluginAsync<NotificationsOptions> = async (app, { route, notifications }) => {
  addRoute(app, route, notificationsRoutes.listNotifications, ({ session, query }) => notifications.list(session.user.id, query));

  addRoute(app, route, notificationsRoutes.markNotificationsRead, async ({ session, body }) => ({ unreadCount: await notifications.markRead(session.user.id, body) }));

  addRoute(app, route, notificationsRoutes.unreadNotifications, async ({ session }) => ({ unreadCount: await notifications.unreadCount(session.user.id) }));
};
