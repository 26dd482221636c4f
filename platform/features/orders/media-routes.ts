import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '@shared/protocol/index';
import { CreatorParams, OrderParams, ShareParams, orderVideoPath, sharedVideoPath } from '@shared/protocol/orders';
import { ApiError } from '../../kernel/http/api-error';
import { requestSession, type SessionResolver } from '../../kernel/http/auth';
import { sendRanged } from '../../kernel/http/ranged-file';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import type { CustomizationService } from './customization-service';
import type { OrderForwards } from './forward-service';
import type { OrdersService } from './service';

async function sendMp4(request: FastifyRequest, reply: FastifyReply, storage: MediaStorage, key: string, cache: 'private' | 'public'): Promise<FastifyReply> {
  const object = await storage.stat(key);
  if (!object) throw new ApiError('not_found', 'The video file is missing on the platform');
  return sendRanged(request, reply, { size: object.size, mimeType: 'video/mp4', read: (range) => storage.read(key, range) }, cache);
}

/** The binary routes: a delivered video (its two parties only), a creator's intro, a shared video. */
export function orderMediaRoutes(
  app: FastifyInstance,
  deps: Readonly<{ auth: SessionResolver; orders: OrdersService; customization: CustomizationService; forwards: Pick<OrderForwards, 'shared'>; storage: MediaStorage }>,
): void {
  app.get(
    API_PREFIX + orderVideoPath(':id'),
    { schema: { params: OrderParams, summary: 'A delivered order’s video (requester and creator only; HTTP range)', security: [{ bearer: [] }] } },
    async (request, reply) => {
      // A bearer token, or the web app's cookie (a <video> element cannot send a header).
      const session = await requestSession(deps.auth, request, 'required');
      if (!session) throw new ApiError('unauthorized', 'Sign in to watch this video');
      const order = await deps.orders.readable((request.params as { id: string }).id, session.user.id);
      if (order.lifecycle.state !== 'delivered') throw new ApiError('not_found', 'This order has no video yet');
      return sendMp4(request, reply, deps.storage, await deps.orders.storeVideo(order), 'private');
    },
  );

  app.get(API_PREFIX + '/creators/:handle/intro', { schema: { params: CreatorParams, summary: 'A creator’s introduction video (HTTP range)' } }, async (request, reply) => {
    const key = await deps.customization.introKey((request.params as { handle: string }).handle);
    return sendMp4(request, reply, deps.storage, key, 'public');
  });

  const sharedSummary = 'A shared video: anyone when the link is public, else its requester, creator and the accounts it was forwarded to (cookie or bearer; HTTP range)';
  app.get(API_PREFIX + sharedVideoPath(':token'), { schema: { params: ShareParams, summary: sharedSummary } }, async (request, reply) => {
    const session = await requestSession(deps.auth, request, 'optional');
    const order = await deps.forwards.shared((request.params as { token: string }).token, session?.user.id ?? null);
    if (!order) throw new ApiError('not_found', 'This link does not work (any more)');
    return sendMp4(request, reply, deps.storage, await deps.orders.storeVideo(order), 'private');
  });
}
