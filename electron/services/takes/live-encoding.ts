import { availableParallelism } from 'node:os';
import { chooseEncodeTiming, type EncodeTiming } from '@shared/domain/recording/encode-timing';
import type { EncoderSettings } from '@shared/domain/recording/encoder-settings';
import type { FfmpegTools } from '../ffmpeg/locate';
import type { Logger } from '../logger';
import { BackgroundEncoder } from '../recording/background-encoder';
import type { TakesServiceDeps } from './takes-service';

export type LiveEncodingDeps = Readonly<{
  /** Settings → Encode (Auto when not set). */
  timing: () => EncodeTiming | undefined;
  encoder: () => EncoderSettings;
  exportMirrored: () => boolean;
  tools: () => FfmpegTools | null | Promise<FfmpegTools | null>;
  logger: Logger;
  now: () => number;
  /** Logical cores; the machine's own by default. */
  cores?: number;
}>;

/**
 * TakesService's `liveEncode`: decides per take (chooseEncodeTiming) whether to encode while
 * recording, with the settings the export would use at this moment. Settings changed during the
 * take make the pre-encoded MP4 not match at export, which then encodes after Stop as before.
 */
export function liveEncoding(deps: LiveEncodingDeps): NonNullable<TakesServiceDeps['liveEncode']> {
  const log = deps.logger.child('takes');
  return async ({ dir, container, mirrored }) => {
    const chosen = chooseEncodeTiming(deps.timing() ?? 'auto', { cores: deps.cores ?? availableParallelism(), container });
    log.info('take encode timing', { dir, ...chosen });
    if (chosen.timing !== 'while-recording') return null;
    const tools = await deps.tools();
    if (!tools?.ffprobe) return null;
    return new BackgroundEncoder({ ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe, dir, encoder: deps.encoder(), flip: mirrored && !deps.exportMirrored(), logger: deps.logger, now: deps.now });
  };
}
