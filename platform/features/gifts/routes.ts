import type { FastifyPluginAsync } from 'fastify';
import { GiftParams, giftRoutes } from '@shared/protocol/gifts';
import { API_PREFIX } from '@shared/protocol/routes';
import { ApiError } from '../../kernel/http/api-error';
import { optionalSession } from '../../kernel/http/auth';
import { sendRanged } from '../../kernel/http/ranged-file';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import { ledgerRefusals } from '../wallet/service';
import type { GiftCatalogRepository } from './catalog-repository';
import { giftMediaRoutes } from './media-routes';
import { ShortfallError, type GiftsService } from './service';

export interface GiftsOptions {
  readonly route: RouteOptions;
  readonly gifts: GiftsService;
  /** The gift media folder and the catalog naming its files; absent → no `/gift-media` route. */
  readonly media?: Readonly<{ catalog: Pick<GiftCatalogRepository, 'byId'>; dir: string }> | undefined;
}

/** The gift menu, sending, and the streamer's actions on received gifts. */
export const giftsFeature: FastifyPluginAsync<GiftsOptions> = async (app, { route, gifts, media }) => {
  if (media) giftMediaRoutes(app, media);
  addRoute(app, route, giftRoutes.giftMenu, ({ params, session }) => gifts.menu(params.id, session?.user.id ?? null));

  addRoute(app, route, giftRoutes.sendGift, async ({ params, body, session, setStatus, reply }) => {
    try {
      const { gift, replayed } = await ledgerRefusals(gifts.send(session.user, params.id, body));
      if (replayed) setStatus(200);
      return gift;
    } catch (error) {
      if (!(error instanceof ShortfallError)) throw error;
      // The usual error shape plus how many coins are missing, for the top-up prompt.
      await reply.code(402).send({ error: { code: error.code, message: error.message, shortfall: error.shortfall } });
      return null as never;
    }
  });

  addRoute(app, route, giftRoutes.receivedGifts, async ({ session }) => ({ gifts: await gifts.received(session.user.id) }));
  addRoute(app, route, giftRoutes.getGift, ({ params, session }) => gifts.view(session.user.id, params.id));
  addRoute(app, route, giftRoutes.receipt, ({ params, body, session }) => gifts.receipt(session.user.id, params.id, body.state));
  addRoute(app, route, giftRoutes.unlock, ({ params, session }) => ledgerRefusals(gifts.unlock(session.user.id, params.id)));
  addRoute(app, route, giftRoutes.convert, ({ params, session }) => ledgerRefusals(gifts.convert(session.user.id, params.id)));
  addRoute(app, route, giftRoutes.redeem, ({ params, session }) => ledgerRefusals(gifts.redeem(session.user.id, params.id)));
  addRoute(app, route, giftRoutes.thanks, ({ params, body, session }) => gifts.thank(session.user, params.id, body));

  // thanksMediaPath. Binary, outside the route table: an <img> or <video> sends the web app's cookie, not a bearer header.
  app.get(
    `${API_PREFIX}/gifts/:id/thanks-media`,
    { schema: { params: GiftParams, summary: 'The thanks picture or clip (the gift’s sender and streamer only; HTTP range)' } },
    async (request, reply) => {
      const session = await optionalSession(route.auth, request);
      if (!session) throw new ApiError('unauthorized', 'Sign in first');
      // A clip plays in a <video>, which asks for ranges (and seeks with them).
      return sendRanged(request, reply, await gifts.thanksMediaFile(session.user.id, (request.params as { id: string }).id), 'private');
    },
  );
};
