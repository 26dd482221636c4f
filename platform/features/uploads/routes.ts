import { Server, type ServerOptions } from '@tus/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { UPLOADS_PATH } from '../../../shared/protocol/index';
import { ApiError, errorBody } from '../../kernel/http/api-error';
import { requiredSession, type Session, type SessionResolver } from '../../kernel/http/auth';
import { newId } from '../../kernel/ids';
import type { UploadsService } from './service';

export interface UploadsOptions {
  readonly auth: SessionResolver;
  readonly uploads: UploadsService;
  readonly maxUploadBytes: number;
  readonly now: () => number;
}

type TusRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

/** tus hooks refuse by throwing `{ status_code, body }`; the body keeps the platform's error shape. */
const refusal = (error: ApiError) => ({ status_code: error.statusCode, body: JSON.stringify(errorBody(error.code, error.message)) });

async function sessionOf(auth: SessionResolver, req: TusRequest): Promise<Session> {
  try {
    return await requiredSession(auth, req.headers.get('authorization') ?? undefined, 'Sign in before uploading');
  } catch (error) {
    throw error instanceof ApiError ? refusal(error) : error;
  }
}

/**
 * Resumable uploads (tus 1.0) at /api/v1/uploads. Only signed-in accounts may create uploads, and
 * only the creator may resume, inspect or delete one. The owner is written into the upload's
 * metadata by the server, overriding whatever the client sent.
 */
export const uploadsFeature: FastifyPluginAsync<UploadsOptions> = async (app, { auth, uploads, maxUploadBytes, now }) => {
  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: uploads.store,
    maxSize: maxUploadBytes,
    relativeLocation: true,
    namingFunction: () => newId('upl'),
    onIncomingRequest: async (req, uploadId) => {
      const session = await sessionOf(auth, req);
      if (req.method === 'POST') return;
      let ownerId: string | null | undefined;
      try {
        ownerId = (await uploads.store.getUpload(uploadId)).metadata?.ownerId;
      } catch {
        return; // tus answers 404 itself
      }
      if (ownerId !== session.user.id) throw refusal(new ApiError('not_found', 'No such upload'));
    },
    onUploadCreate: async (req, upload) => {
      const session = await sessionOf(auth, req);
      return { metadata: { ...upload.metadata, ownerId: session.user.id, createdAt: String(now()) } };
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
};
