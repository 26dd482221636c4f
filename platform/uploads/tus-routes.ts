import { Server, type ServerOptions } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UPLOADS_PATH } from '../../shared/protocol/index';
import type { Session } from '../auth/authenticator';
import type { PlatformContext } from '../context';
import { ApiError, errorBody } from '../http/api-error';
import { newId } from '../ids';

type TusRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

/** tus hooks refuse by throwing `{ status_code, body }`; the body keeps the platform's error shape. */
const refusal = (error: ApiError) => ({ status_code: error.statusCode, body: JSON.stringify(errorBody(error.code, error.message)) });

async function sessionOf(ctx: PlatformContext, req: TusRequest): Promise<Session> {
  try {
    const session = await ctx.authenticator.resolve(req.headers.get('authorization') ?? undefined);
    if (!session) throw new ApiError('unauthorized', 'Sign in before uploading');
    return session;
  } catch (error) {
    throw error instanceof ApiError ? refusal(error) : error;
  }
}

/**
 * Resumable uploads (tus 1.0) at /api/v1/uploads. Only signed-in accounts may create uploads, and
 * only the creator may resume, inspect or delete one. The owner is written into the upload's
 * metadata by the server, overriding whatever the client sent.
 */
export async function uploadRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: ctx.uploadStore,
    maxSize: ctx.maxUploadBytes,
    relativeLocation: true,
    namingFunction: () => newId('upl'),
    onIncomingRequest: async (req, uploadId) => {
      const session = await sessionOf(ctx, req);
      if (req.method === 'POST') return;
      let ownerId: string | null | undefined;
      try {
        ownerId = (await ctx.uploadStore.getUpload(uploadId)).metadata?.ownerId;
      } catch {
        return; // tus answers 404 itself
      }
      if (ownerId !== session.user.id) throw refusal(new ApiError('not_found', 'No such upload'));
    },
    onUploadCreate: async (req, upload) => {
      const session = await sessionOf(ctx, req);
      return { metadata: { ...upload.metadata, ownerId: session.user.id } };
    },
  });

  await app.register(async (scope) => {
    // tus reads the raw request stream itself: Fastify must not parse its bodies.
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      reply.hijack();
      await tus.handle(request.raw, reply.raw);
    };
    const methods = ['POST', 'PATCH', 'HEAD', 'GET', 'DELETE', 'OPTIONS'] as const;
    scope.route({ method: [...methods], url: UPLOADS_PATH, exposeHeadRoute: false, schema: { hide: true }, handler: handle });
    scope.route({ method: [...methods], url: `${UPLOADS_PATH}/:uploadId`, exposeHeadRoute: false, schema: { hide: true }, handler: handle });
  });
}
