import type { FastifyInstance } from 'fastify';
import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GIFT_MEDIA_KINDS, giftMediaFile } from '@shared/domain/gifts/media';
import { CatalogGiftId } from '@shared/protocol/gifts';
import { API_PREFIX } from '@shared/protocol/routes';
import { ApiError } from '../../kernel/http/api-error';
import type { GiftCatalogRepository } from './catalog-repository';

/** A week: gift pictures and sounds rarely change; a changed one is revalidated by its ETag after that. */
export const GIFT_MEDIA_MAX_AGE_S = 7 * 24 * 60 * 60;

const GiftMediaParams = z.object({ giftId: CatalogGiftId, kind: z.enum(GIFT_MEDIA_KINDS) });

/**
 * `GET /gift-media/:giftId/:kind` (giftMediaPath): a catalog gift's picture, animation or sound, public (the menu
 * is public too). The file is the one its catalog entry names, inside `dir` only: the name is
 * checked (giftMediaFile) and resolved once more against the folder, so neither the URL nor a
 * catalog entry can reach another file. Unknown gift, unsafe name or missing file → 404.
 */
export function giftMediaRoutes(app: FastifyInstance, deps: Readonly<{ catalog: Pick<GiftCatalogRepository, 'byId'>; dir: string }>): void {
  const root = path.resolve(deps.dir);
  app.get(`${API_PREFIX}/gift-media/:giftId/:kind`, { schema: { params: GiftMediaParams, summary: 'A catalog gift’s picture, animation or sound' } }, async (request, reply) => {
    const { giftId, kind } = request.params as z.output<typeof GiftMediaParams>;
    const gift = await deps.catalog.byId(giftId);
    const media = gift ? giftMediaFile(gift[kind], kind) : null;
    const file = media ? path.join(root, media.file) : null;
    if (!media || !file || path.dirname(file) !== root) throw new ApiError('not_found', 'No such gift media');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new ApiError('not_found', 'No such gift media');
    const etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    reply
      .header('content-type', media.contentType)
      .header('cache-control', `public, max-age=${GIFT_MEDIA_MAX_AGE_S}`)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      // The studio's pages are cross-origin isolated (COEP require-corp): without this their <img> and <audio> could not load it.
      .header('cross-origin-resource-policy', 'cross-origin')
      // Public files: the studio's live stream draws the picture into the streamed canvas, which needs a CORS image (a plain one would taint it).
      .header('access-control-allow-origin', '*');
    // An SVG opened on its own is a document of the platform's origin: no script, no outside fetch.
    if (media.contentType === 'image/svg+xml') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('content-length', info.size).send(createReadStream(file));
  });
}
