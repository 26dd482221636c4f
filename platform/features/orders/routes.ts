import type { FastifyPluginAsync } from 'fastify';
import { orderRoutes, sharedVideoPath, sharePath, type Order } from '@shared/protocol/orders';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { SessionResolver } from '../../kernel/http/auth';
import { ApiError } from '../../kernel/http/api-error';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import type { CustomizationService } from './customization-service';
import type { OrderForwards } from './forward-service';
import { orderMediaRoutes } from './media-routes';
import type { OrderRecord, OrdersRepository } from './repository';
import { InsufficientFundsError, type OrdersService } from './service';
import type { OrderViews } from './view';

export interface OrdersFeatureOptions {
  readonly route: RouteOptions;
  readonly auth: SessionResolver;
  readonly repo: OrdersRepository;
  readonly orders: OrdersService;
  readonly customization: CustomizationService;
  readonly forwards: OrderForwards;
  readonly views: OrderViews;
  readonly storage: MediaStorage;
}

/** Custom video orders and each creator's customization service (issue 13). */
export const ordersFeature: FastifyPluginAsync<OrdersFeatureOptions> = async (app, options) => {
  const { route, orders, customization, forwards, views, repo } = options;
  const view = async (record: OrderRecord, viewerId: string): Promise<Order> => views.one(record, await repo.comment(record.id), viewerId);

  addRoute(app, route, orderRoutes.getCustomization, ({ session }) => customization.status(session.user.id));
  addRoute(app, route, orderRoutes.putCustomization, ({ session, body }) => customization.save(session.user.id, body));
  addRoute(app, route, orderRoutes.publishCustomization, ({ session }) => customization.publish(session.user.id));
  addRoute(app, route, orderRoutes.exitCustomization, async ({ session, body }) => {
    const result = await customization.exit(session.user.id, body.confirmOpenOrders);
    return { ...result, openOrders: await views.many(result.openOrders, [], session.user.id) };
  });
  addRoute(app, route, orderRoutes.orderIncome, ({ session, query }) => orders.income(session.user.id, query.since));
  addRoute(app, route, orderRoutes.creatorPage, ({ session, params }) => customization.page(params.handle, session?.user.id ?? null));

  addRoute(app, route, orderRoutes.createOrder, async ({ session, body, reply, setStatus }) => {
    try {
      const result = await orders.create(session.user.id, body);
      if (result.replayed) setStatus(200);
      return await view(result.order, session.user.id);
    } catch (error) {
      if (!(error instanceof InsufficientFundsError)) throw error;
      // The client shows the shortfall and offers a top-up; no order exists.
      await reply.code(402).send({ error: { code: 'insufficient_funds', message: error.message, shortfall: error.shortfall, priceCoins: error.priceCoins } });
      return null as never;
    }
  });
  addRoute(app, route, orderRoutes.listOrders, async ({ session, query }) => {
    const page = await orders.list(session.user.id, query);
    return { orders: await views.many(page.orders, await repo.comments(page.orders.map((o) => o.id)), session.user.id), nextCursor: page.nextCursor };
  });
  addRoute(app, route, orderRoutes.getOrder, async ({ session, params }) => view(await orders.readable(params.id, session.user.id), session.user.id));
  addRoute(app, route, orderRoutes.acceptOrder, async ({ session, params }) => view(await orders.accept(params.id, session.user.id), session.user.id));
  addRoute(app, route, orderRoutes.refuseOrder, async ({ session, params, body }) => view(await orders.refuse(params.id, session.user.id, body.reason), session.user.id));
  addRoute(app, route, orderRoutes.cancelOrder, async ({ session, params, body }) => view(await orders.cancel(params.id, session.user.id, body.reason), session.user.id));
  addRoute(app, route, orderRoutes.deliverOrder, async ({ session, params, body }) =>
    view((await orders.deliver(params.id, session.user.id, body.uploadId, body.idempotencyKey)).order, session.user.id),
  );
  addRoute(app, route, orderRoutes.commentOrder, async ({ session, params, body }) => view(await orders.comment(params.id, session.user.id, body), session.user.id));
  addRoute(app, route, orderRoutes.shareOrder, async ({ session, params, body }) => {
    const order = await orders.share(params.id, session.user.id, body.public);
    return { token: order.shareToken!, public: order.sharePublic, path: sharePath(order.shareToken!), videoPath: sharedVideoPath(order.shareToken!) };
  });
  addRoute(app, route, orderRoutes.forwardOrder, async ({ session, params, body, setStatus }) => {
    const result = await forwards.forward(params.id, session.user.id, body);
    if (result.replayed) setStatus(200);
    return result.forwarded;
  });
  addRoute(app, route, orderRoutes.sharedVideo, async ({ session, params }) => {
    const order = await forwards.shared(params.token, session?.user.id ?? null);
    if (!order) throw new ApiError('not_found', 'This link does not work (any more)');
    const parties = await views.one(order, null, order.requesterId);
    return { creator: parties.creator, from: parties.requester, occasion: order.info.occasion, deliveredAt: order.lifecycle.times.deliveredAt!, videoPath: sharedVideoPath(params.token) };
  });

  orderMediaRoutes(app, { auth: options.auth, orders, forwards, customization, storage: options.storage });
};
