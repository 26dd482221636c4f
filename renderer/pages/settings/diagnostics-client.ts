import type { Diagnostics } from '@shared/ipc/nouns/diagnostics';
import type { Result } from '@shared/ipc/result';
import { studioClient } from '../../client/studio-client';

/** Settings → About & diagnostics: main's facts (versions, ffmpeg, data dir), read each time the panel opens. */
export const diagnosticsClient = {
  get: (): Promise<Result<Diagnostics>> => studioClient().diagnostics.get(),
};
