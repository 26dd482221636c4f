import { z } from 'zod';
import { DraftId } from '../domain/ids';
import { ExportJobId, ExportProgress } from '../domain/recording/export-progress';
import { RecordingEvent } from '../domain/recording/journal';

/**
 * Schemas of the recording, export and settings nouns of the contract, kept beside it so
 * contract.ts stays a readable table of methods.
 */

export const TakeId = z.string().regex(/^tak_[0-9a-z]{10,40}$/, 'not a take id').brand<'TakeId'>();
export type TakeId = z.output<typeof TakeId>;

/** MediaRecorder's 500 ms slices are tens to hundreds of KiB; 2 MiB leaves room for 1080p and stays under the socket's frame limit. */
export const RECORDING_CHUNK_MAX = 2 * 1024 * 1024;
/** A composited still (JPEG or PNG) for a photo video. */
export const STILL_BYTES_MAX = 3 * 1024 * 1024;

const bytesUpTo = (max: number, what: string) =>
  z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= max, `${what} must be 1 byte to ${Math.round(max / 1024 / 1024)} MiB`);

export const RecordingStart = z.object({
  mimeType: z.string().min(1).max(100),
  itemId: z.string().max(200).nullable(),
  attributeId: z.string().max(200).nullable(),
});

export const RecordingChunk = z.object({ takeId: TakeId, seq: z.number().int().nonnegative(), bytes: bytesUpTo(RECORDING_CHUNK_MAX, 'a recording chunk') });

export const StillVideoRequest = z.object({
  bytes: bytesUpTo(STILL_BYTES_MAX, 'a still frame'),
  mimeType: z.enum(['image/png', 'image/jpeg']),
  seconds: z.number().int().min(1).max(180),
  itemId: z.string().max(200).nullable(),
  attributeId: z.string().max(200).nullable(),
});

export { RecordingEvent, ExportJobId, ExportProgress };

export const ExportJob = ExportProgress.extend({ draftId: DraftId });
export type ExportJob = z.output<typeof ExportJob>;

export { MaxLengthSetting, StudioSettings, SettingsPatch, SettingsView } from './nouns/settings';
