import { Server, type ServerOptions } from '@tus/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { UPLOADS_PATH } from '@shared/protocol/index';
import { ApiError, errorBody } from '../../kernel/http/api-error';
import { isStorageFull, storageFull } from '../../kernel/http/storage-full';
import { requiredSession, type Session, type SessionResolver } from '../../kernel/http/auth';
import { newId } from '../../kernel/ids';
import type { UploadLimits, UploadsService } from './service';

export interface UploadsOptions {
  readonly auth: SessionResolver;
  readonly uploads: UploadsService;
  readonly maxUploadBytes: number;
  readonly limits: UploadLimits;
  readonly now: () => number;
}

const creating = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (creating.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  creating.set(key, next);
  try {
    return await next;
  } finally {
    if (creating.get(key) === next) creating.delete(key);
  }
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
export const uploadsFeature: FastifyPluginAsync<UploadsOptions> = async (app, { auth, uploads, maxUploadBytes, limits, now }) => {
  /** Refuses a new upload that would take `ownerId` past its limits (declared size, not bytes sent). */
  const checkQuota = async (ownerId: string, declared: number | undefined): Promise<void> => {
    const open = await uploads.openBy(ownerId, maxUploadBytes);
    if (open.count >= limits.maxOpenPerAccount) {
      throw refusal(new ApiError('too_many_uploads', `You already have ${open.count} unfinished or unposted uploads (at most ${limits.maxOpenPerAccount}); finish, post or delete one first`));
    }
    if (open.bytes + (declared ?? maxUploadBytes) > limits.maxBytesPerAccount) {
      throw refusal(new ApiError('too_many_uploads', `Your open uploads would hold more than ${limits.maxBytesPerAccount} bytes; finish, post or delete one first`));
    }
  };

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
    // A write that found the disk full answers 507 in the platform's shape, not tus's bare 500.
    onResponseError: (_req, error) => (isStorageFull(error) ? refusal(storageFull()) : undefined),
    onUploadCreate: async (req, upload) => {
      const session = await sessionOf(auth, req);
      await checkQuota(session.user.id, upload.size);
      return { metadata: { ...upload.metadata, ownerId: session.user.id, createdAt: String(now()) } };
    },
  });

  await app.register(async (scope) => {
    // tus reads the raw request stream itself: Fastify must not parse its bodies.
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      // Creations by one account run one at a time, so racing requests cannot all pass the quota
      // check before any of their records exists. (Across nodes the cap is approximate.)
      const creator = request.method === 'POST' ? await auth.resolve(request.headers.authorization).catch(() => null) : null;
      reply.hijack();
      if (creator) await oneAtATime(creator.user.id, () => tus.handle(request.raw, reply.raw));
      else await tus.handle(request.raw, reply.raw);
    };
    const methods = ['POST', 'PATCH', 'HEAD', 'GET', 'DELETE', 'OPTIONS'] as const;
    scope.route({ method: [...methods], url: UPLOADS_PATH, exposeHeadRoute: false, schema: { hide: true }, handler: handle });
    scope.route({ method: [...methods], url: `${UPLOADS_PATH}/:uploadId`, exposeHeadRoute: false, schema: { hide: true }, handler: handle });
  });
};
