import type { FastifyPluginAsync } from 'fastify';
import { roomRoutes } from '@shared/protocol/rooms';
import type { TopicAuthorizer } from '../../kernel/events/topics';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { RoomsService } from './service';

export interface RoomsOptions {
  readonly route: RouteOptions;
  readonly rooms: RoomsService;
  readonly topics: Pick<TopicAuthorizer, 'allow'>;
}

/** Live rooms: open, close, one, the live list, presence; and who may read `room:<id>`. */
export const roomsFeature: FastifyPluginAsync<RoomsOptions> = async (app, { route, rooms, topics }) => {
  topics.allow('room', (id, userId) => rooms.mayRead(id, userId));

  addRoute(app, route, roomRoutes.openRoom, async ({ session, body, setStatus }) => {
    const { room, created } = await rooms.open(session.user, body.title, body.timeZone);
    if (!created) setStatus(200);
    return room;
  });

  addRoute(app, route, roomRoutes.closeRoom, ({ session, params }) => rooms.close(params.id, session.user.id));

  addRoute(app, route, roomRoutes.getRoom, ({ params }) => rooms.get(params.id));

  addRoute(app, route, roomRoutes.listRooms, async ({ query }) => ({ rooms: await rooms.live(query.limit) }));

  addRoute(app, route, roomRoutes.presence, ({ params, body, session, request }) => rooms.presence(params.id, session ? `user:${session.user.id}` : `ip:${request.ip}`, body.present));
};
