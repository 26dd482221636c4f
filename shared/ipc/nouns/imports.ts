import { z } from 'zod';
import { Draft } from '../../domain/drafts';
import { ImportId } from '../../domain/ids';
import { method, noun } from '../define';

/** Largest chunk one `imports.chunk` call may carry. */
export const IMPORT_CHUNK_MAX = 1024 * 1024;
/** Chunks a client may send before the first is acknowledged; the host applies them in order. */
export const IMPORT_WINDOW = 4;
/** Largest file the studio imports (4 GiB). */
export const IMPORT_SIZE_MAX = 4 * 1024 * 1024 * 1024;

/** A file from the page's file picker, sent in ordered chunks and written with streams main-side. */
export const imports = noun({
  methods: {
    begin: method(
      z.object({
        fileName: z.string().min(1).max(255),
        size: z.number().int().positive('The file is empty').max(IMPORT_SIZE_MAX, 'The file is larger than 4 GiB'),
      }),
      z.object({ importId: ImportId }),
    ),
    chunk: method(
      z.object({
        importId: ImportId,
        offset: z.number().int().nonnegative(),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= IMPORT_CHUNK_MAX, 'chunk must be 1 byte to 1 MiB'),
      }),
      z.object({ received: z.number().int().nonnegative() }),
    ),
    finish: method(z.object({ importId: ImportId }), Draft),
    cancel: method(z.object({ importId: ImportId }), z.null()),
  },
});
