import type { Draft } from '@shared/domain/drafts';
import { IMPORT_CHUNK_MAX, IMPORT_WINDOW } from '@shared/ipc/contract';
import { fail, type Result } from '@shared/ipc/result';
import { studioClient } from '../../client/studio-client';
import { t } from '../../i18n/i18n';

/**
 * Streams a picked file to the main side in 1 MiB chunks, a few in flight at once (never the whole
 * file in memory), reporting progress; any failure cancels the import so no partial file is left.
 */
export async function importFile(file: File, onProgress: (fraction: number) => void): Promise<Result<Draft>> {
  const client = studioClient();
  if (file.size === 0) return fail('invalid_input', t('drafts.fileEmpty', { name: file.name }));
  const begun = await client.imports.begin({ fileName: file.name || t('drafts.importedFile'), size: file.size });
  if (!begun.ok) return begun;
  const { importId } = begun.value;
  const inFlight: Promise<Result<{ received: number }>>[] = [];
  let offset = 0;
  while (offset < file.size || inFlight.length > 0) {
    while (offset < file.size && inFlight.length < IMPORT_WINDOW) {
      const end = Math.min(offset + IMPORT_CHUNK_MAX, file.size);
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
      } catch (error) {
        await Promise.all(inFlight);
        await client.imports.cancel({ importId });
        return fail('io_error', t('drafts.cannotRead', { name: file.name, message: (error as Error).message }));
      }
      inFlight.push(client.imports.chunk({ importId, offset, bytes }));
      offset = end;
    }
    const sent = await inFlight.shift()!;
    if (!sent.ok) {
      await Promise.all(inFlight);
      await client.imports.cancel({ importId });
      return sent;
    }
    onProgress(sent.value.received / file.size);
  }
  return client.imports.finish({ importId });
}
