/**
 * The recording, export and settings schemas now live in their nouns (nouns/recordings.ts,
 * nouns/media.ts, nouns/settings.ts); this file re-exports them for the renderer's existing
 * imports and goes with the path-alias change.
 */
export { TakeId, ExportJobId } from '../domain/ids';
export { RecordingEvent } from '../domain/recording/journal';
export { ExportProgress } from '../domain/recording/export-progress';
export { RECORDING_CHUNK_MAX, STILL_BYTES_MAX, RecordingStart, RecordingChunk, StillVideoRequest } from './nouns/recordings';
export { ExportJob } from './nouns/media';
export { MaxLengthSetting, StudioSettings, SettingsPatch, SettingsView } from './nouns/settings';
