import type { FastifyPluginAsync } from 'fastify';
import { giftRoutes } from '@shared/protocol/gifts';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { SandboxMerchant } from './service';

export interface MerchantOptions {
  readonly route: RouteOptions;
  readonly merchant: SandboxMerchant;
}

/** `POST /merchant/redeem { code }` with the merchant's own key (not a user session). */
export const merchantFeature: FastifyPluginAsync<MerchantOptions> = async (app, { route, merchant }) => {
  addRoute(app, route, giftRoutes.merchantRedeem, async ({ body, request }) => {
    if (!merchant.authorised(request.headers.authorization)) throw new ApiError('unauthorized', 'Use "Authorization: Bearer <merchant key>"');
    return merchant.redeem(body.code);
  });
};
