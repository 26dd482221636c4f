import { checkPreparedExport, type PreparedCheck, type PreparedExportNote, type PreparedFacts } from '@shared/domain/recording/encode-timing';
import type { EncoderSettings } from '@shared/domain/recording/encoder-settings';
import { fitWithin } from './export-plan';
import type { MediaInfo } from './probe';
import { runTool } from './run-ffmpeg';
import { topLevelBoxesOf } from './mp4-boxes';

/** A take's MP4 encoded while it was recorded, offered to the export in place of encoding it again. */
export type PreparedInput = Readonly<{ file: string; note: PreparedExportNote }>;

interface ProbeJson {
  streams?: {
    codec_type?: string;
    codec_name?: string;
    profile?: string;
    pix_fmt?: string;
    avg_frame_rate?: string;
    r_frame_rate?: string;
    sample_rate?: string;
    channels?: number;
    width?: number;
    height?: number;
  }[];
  format?: { duration?: string };
}

/** What checkPreparedExport needs to know about a file, from ffprobe and the file's own top-level boxes. */
export async function preparedFacts(ffprobe: string, file: string, timeoutMs: number): Promise<PreparedFacts> {
  const out = await runTool(
    ffprobe,
    ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,profile,pix_fmt,avg_frame_rate,r_frame_rate,sample_rate,channels,width,height:format=duration', '-of', 'json', file],
    timeoutMs,
  );
  const json = JSON.parse(out.stdout) as ProbeJson;
  const video = json.streams?.find((s) => s.codec_type === 'video');
  const audio = json.streams?.find((s) => s.codec_type === 'audio');
  const boxes = await topLevelBoxesOf(file);
  const moov = boxes.indexOf('moov');
  const mdat = boxes.indexOf('mdat');
  return {
    videoCodec: video?.codec_name ?? null,
    profile: video?.profile ?? null,
    pixFmt: video?.pix_fmt ?? null,
    avgFrameRate: video?.avg_frame_rate ?? null,
    realFrameRate: video?.r_frame_rate ?? null,
    audioCodec: audio?.codec_name ?? null,
    sampleRate: audio?.sample_rate ?? null,
    channels: audio?.channels ?? null,
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    faststart: moov >= 0 && mdat >= 0 && moov < mdat,
    durationMs: Math.round(Number(json.format?.duration ?? 0) * 1000),
  };
}

/** Checks a pre-encoded MP4 against what the export of `source` with these settings would write. */
export async function checkPrepared(ffprobe: string, prepared: PreparedInput, source: MediaInfo, encoder: EncoderSettings, flip: boolean, timeoutMs: number): Promise<PreparedCheck> {
  const facts = await preparedFacts(ffprobe, prepared.file, timeoutMs);
  const { width, height } = fitWithin(source.width, source.height);
  return checkPreparedExport(facts, { width, height, durationMs: source.durationMs, encoder, flip }, prepared.note);
}
