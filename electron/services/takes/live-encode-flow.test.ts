import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '@shared/ipc/media-schemas';
import { createMemoryLogger } from '../logger';
import { ffprobeJson, makeRecorderWebm, requireTools, topLevelBoxes } from '../media/test-inputs';
import { PREPARED_FILE, PREPARED_NOTE } from '../recording/background-encoder';
import { composeStudio, type StudioServices } from '../compose';
import { studioClient, waitFor } from '../test-support/studio-client';

const tools = requireTools();
let root: string;
let take: Uint8Array<ArrayBuffer>;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'live-flow-'));
  take = new Uint8Array(readFileSync(makeRecorderWebm(tools, path.join(root, 'take.webm'), { width: 320, height: 240, seconds: 2, codec: 'vp8' })));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dataDirs = new WeakMap<StudioServices, string>();
function open(dataDir: string): StudioServices {
  const services = composeStudio({ dataDir, host: 'browser', version: '0.0.0-test', logger: createMemoryLogger() });
  dataDirs.set(services, dataDir);
  return services;
}

/** The pid of the ffmpeg encoding into this draft folder (the one this test's studio started). */
function encoderPid(dir: string): number | null {
  try {
    const out = execFileSync('pgrep', ['-f', path.join(dir, `${PREPARED_FILE}.part`)], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : null;
  } catch {
    return null;
  }
}

async function shoot(services: StudioServices, pieces: number, during?: (seq: number, dir: string) => Promise<void>): Promise<{ takeId: string; draftId: string; dir: string }> {
  const studio = studioClient(services);
  const started = await studio.recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'lip-1', attributeId: 'pink' });
  const dir = path.join(dataDirs.get(services)!, 'drafts', started.draftId);
  const size = Math.ceil(take.length / pieces);
  for (let seq = 0; seq < pieces; seq++) {
    await studio.recordings.chunk({ takeId: started.takeId, seq, bytes: take.subarray(seq * size, (seq + 1) * size) });
    await during?.(seq, dir);
  }
  return { ...started, dir };
}

async function exportAndWait(services: StudioServices, draftId: string): Promise<void> {
  const progress: ExportJob[] = [];
  const off = services.bus.subscribe((name, payload) => name === 'media.exportProgress' && progress.push(payload as ExportJob));
  await studioClient(services).media.export({ draftId });
  // The old path's export runs at nice 10: on a 2-core machine other jobs keep busy it can take a minute.
  await waitFor(() => progress.at(-1)?.percent === 100, 150_000);
  off();
}

const platformFormat = (file: string) => {
  const probed = ffprobeJson(tools, file);
  const video = probed.streams.find((s) => s.codec_type === 'video');
  const audio = probed.streams.find((s) => s.codec_type === 'audio');
  return {
    video: { codec: video?.codec_name, profile: video?.profile, pix: video?.pix_fmt, fps: video?.avg_frame_rate, rfps: video?.r_frame_rate, w: video?.width, h: video?.height },
    audio: { codec: audio?.codec_name, rate: audio?.sample_rate, channels: audio?.channels },
    duration: Number(probed.format.duration),
  };
};

describe('takes encoded while recording, through the contract', () => {
  it('Settings → While recording: Stop leaves the platform MP4 ready, and the export takes it instead of encoding again', async () => {
    const services = open(path.join(root, 'live'));
    const studio = studioClient(services);
    try {
      const set = await studio.settings.set({ encoder: { preset: 'superfast', crf: 28 }, encodeTiming: 'while-recording' });
      expect(set.encodeTiming).toBe('while-recording');
      let sawEncoder = false;
      const { takeId, draftId, dir } = await shoot(services, 8, async (seq, d) => {
        // The encoder runs during the take (a loaded machine may take a few chunks to spawn it).
        if (seq >= 2) sawEncoder ||= encoderPid(d) !== null;
      });
      expect(sawEncoder).toBe(true);
      const draft = await studio.recordings.finish({ takeId, mediaMs: 2000 });
      // The take lands as before (the raw take, playable), the MP4 beside it.
      expect(draft).toMatchObject({ status: 'ready', mediaFile: 'capture.webm' });
      await waitFor(() => existsSync(path.join(dir, PREPARED_NOTE)));
      const inode = (f: string): number => Number(execFileSync('stat', ['-c', '%i', f], { encoding: 'utf8' }));
      const preparedInode = inode(path.join(dir, PREPARED_FILE));
      await exportAndWait(services, draftId);
      const ready = await studio.drafts.get({ id: draftId });
      expect(ready).toMatchObject({ status: 'ready', mediaFile: 'export.mp4', mimeType: 'video/mp4', thumbnailFile: 'export.poster.jpg' });
      const exported = path.join(dir, 'export.mp4');
      expect(inode(exported)).toBe(preparedInode);
      expect(existsSync(path.join(dir, PREPARED_FILE))).toBe(false);
      const format = platformFormat(exported);
      expect(format).toMatchObject({ video: { codec: 'h264', profile: 'High', pix: 'yuv420p', fps: '30/1', rfps: '30/1', w: 320, h: 240 }, audio: { codec: 'aac', rate: '48000', channels: 2 } });
      expect(Math.abs(format.duration - 2)).toBeLessThanOrEqual(0.1);
      expect(topLevelBoxes(exported).indexOf('moov')).toBeLessThan(topLevelBoxes(exported).indexOf('mdat'));
    } finally {
      services.close();
    }
  }, 200_000);

  it('the encoder killed mid-take: the take is still saved, and the export encodes it after Stop as before', async () => {
    const services = open(path.join(root, 'killed'));
    const studio = studioClient(services);
    try {
      await studio.settings.set({ encoder: { preset: 'superfast', crf: 28 }, encodeTiming: 'while-recording' });
      const { takeId, draftId, dir } = await shoot(services, 8, async (seq, d) => {
        if (seq !== 3) return;
        const pid = await waitFor(() => encoderPid(d));
        process.kill(pid, 'SIGKILL');
      });
      const draft = await studio.recordings.finish({ takeId, mediaMs: 2000 });
      expect(draft).toMatchObject({ status: 'ready', mediaFile: 'capture.webm' });
      await exportAndWait(services, draftId);
      expect(await studio.drafts.get({ id: draftId })).toMatchObject({ status: 'ready', mediaFile: 'export.mp4' });
      const format = platformFormat(path.join(dir, 'export.mp4'));
      expect(format).toMatchObject({ video: { codec: 'h264', profile: 'High', fps: '30/1' }, audio: { codec: 'aac' } });
      expect(Math.abs(format.duration - 2)).toBeLessThanOrEqual(0.1);
      expect(readdirSync(dir).filter((f) => f.startsWith('capture.export'))).toEqual([]);
    } finally {
      services.close();
    }
  }, 200_000);

  it('the studio dies mid-take with the encoder running: the raw take is recovered at the next start, the torn encode removed', async () => {
    const dataDir = path.join(root, 'crash');
    const first = open(dataDir);
    await studioClient(first).settings.set({ encodeTiming: 'while-recording' });
    const { draftId, dir } = await shoot(first, 6);
    // No finish: the studio "dies"; its ffmpeg, whose stdin closes with it, ends on its own.
    const pid = encoderPid(dir);
    if (pid) process.kill(pid, 'SIGKILL');
    first.db.close();
    expect(existsSync(path.join(dir, 'capture.raw.webm'))).toBe(true);
    const second = open(dataDir);
    try {
      const recovered = await waitFor(() => {
        const d = second.db.prepare('SELECT status, duration_ms FROM drafts WHERE id = ?').get(draftId) as { status: string; duration_ms: number | null };
        return d.status === 'recovered' ? d : null;
      });
      expect(recovered.duration_ms).toBeGreaterThan(500);
      expect(existsSync(path.join(dir, 'capture.webm'))).toBe(true);
      expect(readdirSync(dir).filter((f) => f.startsWith('capture.export'))).toEqual([]);
    } finally {
      second.close();
    }
  }, 200_000);
});
