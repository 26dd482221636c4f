import type { Draft } from '../../../shared/domain/drafts';
import { IMPORT_CHUNK_MAX } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/ipc/result';
import { studioClient } from '../../client/studio-client';

/**
 * Streams a picked file to the main side in 1 MiB chunks (never the whole file in memory at once),
 * reporting progress; any failure cancels the import so no partial file is left behind.
 */
export async function importFile(file: File, onProgress: (fraction: number) => void): Promise<Result<Draft>> {
  const client = studioClient();
  if (file.size === 0) return fail('invalid_input', `"${file.name}" is empty.`);
  const begun = await client.imports.begin({ fileName: file.name || 'imported file', size: file.size });
  if (!begun.ok) return begun;
  const { importId } = begun.value;
  let offset = 0;
  while (offset < file.size) {
    const end = Math.min(offset + IMPORT_CHUNK_MAX, file.size);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    } catch (error) {
      await client.imports.cancel({ importId });
      return fail('io_error', `Could not read "${file.name}": ${(error as Error).message}`);
    }
    const sent = await client.imports.chunk({ importId, offset, bytes });
    if (!sent.ok) {
      await client.imports.cancel({ importId });
      return sent;
    }
    offset = sent.value.received;
    onProgress(offset / file.size);
  }
  return client.imports.finish({ importId });
}
