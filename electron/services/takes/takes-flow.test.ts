import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '@shared/ipc/media-schemas';
import { createMemoryLogger } from '../logger';
import { exportSourceOf } from './export-source';
import { ffprobeJson, makeRecorderWebm, makeStill, requireTools, topLevelBoxes } from '../media/test-inputs';
import { composeStudio, type StudioServices } from '../compose';
import { studioClient, waitFor } from '../test-support/studio-client';

const tools = requireTools();
let root: string;
let take: Uint8Array<ArrayBuffer>;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'takes-flow-'));
  take = new Uint8Array(readFileSync(makeRecorderWebm(tools, path.join(root, 'take.webm'), { width: 320, height: 240, seconds: 2, codec: 'vp8' })));
  // One encode up front: past the 10 s default on a loaded 2-core machine.
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function open(dataDir: string): StudioServices {
  return composeStudio({ dataDir, host: 'browser', version: '0.0.0-test', logger: createMemoryLogger() });
}

async function record(services: StudioServices, pieces: number): Promise<{ takeId: string; draftId: string }> {
  const started = await studioClient(services).recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'lip-1', attributeId: 'pink' });
  const size = Math.ceil(take.length / 8);
  for (let seq = 0; seq < pieces; seq++) {
    await studioClient(services).recordings.chunk({ takeId: started.takeId, seq, bytes: take.subarray(seq * size, (seq + 1) * size) });
    if (seq === 3) await studioClient(services).recordings.event({ takeId: started.takeId, event: { type: 'attribute', t: 1000, itemId: 'lip-1', attributeId: 'rose' } });
  }
  return started;
}

describe('recording → draft → export, through the contract', () => {
  it('a take started while ffmpeg is still being located is not mistaken for a crash leftover', async () => {
    const services = open(path.join(root, 'early'));
    try {
      // Started at once: the start-up recovery is still waiting for ffmpeg to be located.
      const { takeId, draftId } = await record(services, 8);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await studioClient(services).drafts.get({ id: draftId })).status).toBe('recording');
      const draft = await studioClient(services).recordings.finish({ takeId, mediaMs: 2000 });
      expect(draft).toMatchObject({ id: draftId, status: 'ready', width: 320, height: 240 });
    } finally {
      services.close();
    }
  });

  it('a take becomes a playable video draft with a journal; its export reports progress and lands as the platform MP4', async () => {
    const services = open(path.join(root, 'a'));
    try {
      await studioClient(services).settings.set({ encoder: { preset: 'superfast', crf: 28 } });
      const { takeId, draftId } = await record(services, 8);
      expect((await studioClient(services).drafts.get({ id: draftId })).status).toBe('recording');
      const draft = await studioClient(services).recordings.finish({ takeId, mediaMs: 2000 });
      expect(draft).toMatchObject({
        id: draftId,
        kind: 'video',
        status: 'ready',
        mediaFile: 'capture.webm',
        mimeType: 'video/webm',
        thumbnailFile: 'thumb.jpg',
        width: 320,
        height: 240,
        itemId: 'lip-1',
      });
      expect(Math.abs(draft.durationMs! - 2000)).toBeLessThanOrEqual(100);
      const journal = readFileSync(path.join(root, 'a', 'drafts', draftId, 'capture.journal.jsonl'), 'utf8');
      expect(journal).toMatch(/"type":"attribute".*"attributeId":"rose"/);

      const progress: ExportJob[] = [];
      services.bus.subscribe((name, payload) => name === 'media.exportProgress' && progress.push(payload as ExportJob));
      const { jobId } = await studioClient(services).media.export({ draftId });
      expect((await studioClient(services).drafts.get({ id: draftId })).status).toBe('exporting');
      const exported = await waitFor(() => {
        const last = progress.at(-1);
        return last?.percent === 100 ? last : null;
      });
      expect(exported).toMatchObject({ jobId, draftId, state: 'finishing' });
      const ready = await studioClient(services).drafts.get({ id: draftId });
      expect(ready).toMatchObject({ status: 'ready', mediaFile: 'export.mp4', mimeType: 'video/mp4', thumbnailFile: 'export.poster.jpg' });
      const file = path.join(root, 'a', 'drafts', draftId, 'export.mp4');
      const video = ffprobeJson(tools, file).streams.find((s) => s.codec_type === 'video')!;
      expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', avg_frame_rate: '30/1' });
      expect(topLevelBoxes(file).indexOf('moov')).toBeLessThan(topLevelBoxes(file).indexOf('mdat'));
      const percents = progress.map((p) => p.percent);
      expect([...percents].sort((a, b) => a - b)).toEqual(percents);
      expect(await studioClient(services).media.queue()).toEqual([]);
    } finally {
      services.close();
    }
  });

  it('a failed export keeps ffmpeg’s message on the draft; a still photo becomes a photo video of the chosen length', async () => {
    const services = open(path.join(root, 'b'));
    try {
      const { takeId, draftId } = await record(services, 8);
      await studioClient(services).recordings.finish({ takeId, mediaMs: 2000 });
      // The take is damaged behind the studio's back: the export must fail with ffmpeg's words, not hang.
      writeFileSync(path.join(root, 'b', 'drafts', draftId, 'capture.webm'), 'not a video at all');
      await studioClient(services).media.export({ draftId });
      const failed = await waitFor(() => {
        const d = services.db.prepare('SELECT status, status_detail FROM drafts WHERE id = ?').get(draftId) as { status: string; status_detail: string };
        return d.status === 'failed' ? d : null;
      });
      expect(failed.status_detail).toMatch(/Invalid data|could not|EBML|not/i);

      const png = readFileSync(makeStill(tools, path.join(root, 'look.png'), 320, 480));
      const { draft } = await studioClient(services).recordings.still({ bytes: png, mimeType: 'image/png', seconds: 2, itemId: null, attributeId: null });
      expect(draft.status).toBe('exporting');
      const ready = await waitFor(() => {
        const d = services.db.prepare('SELECT status, duration_ms, media_file FROM drafts WHERE id = ?').get(draft.id) as { status: string; duration_ms: number; media_file: string };
        return d.status !== 'exporting' ? d : null;
      });
      expect(ready).toMatchObject({ status: 'ready', media_file: 'export.mp4' });
      expect(Math.abs(ready.duration_ms - 2000)).toBeLessThanOrEqual(100);
    } finally {
      services.close();
    }
  });

  it('exports queue one at a time; a waiting one says so, a cancelled one puts the take back as it was', async () => {
    const services = open(path.join(root, 'q'));
    try {
      await studioClient(services).settings.set({ encoder: { preset: 'medium', crf: 20 } });
      const first = await record(services, 8);
      const second = await record(services, 8);
      await studioClient(services).recordings.finish({ takeId: first.takeId, mediaMs: 2000 });
      await studioClient(services).recordings.finish({ takeId: second.takeId, mediaMs: 2000 });
      const a = await studioClient(services).media.export({ draftId: first.draftId });
      const b = await studioClient(services).media.export({ draftId: second.draftId });
      // Asking again for a draft already exporting answers with the same job.
      expect(await studioClient(services).media.export({ draftId: first.draftId })).toEqual(a);
      const jobs = await studioClient(services).media.queue();
      expect(jobs.map((j) => j.jobId)).toEqual([a.jobId, b.jobId]);
      expect(jobs[1]).toMatchObject({ draftId: second.draftId, state: 'queued' });
      expect(await studioClient(services).drafts.get({ id: second.draftId })).toMatchObject({ status: 'exporting', statusDetail: 'waiting' });
      await studioClient(services).media.cancel({ jobId: b.jobId });
      await studioClient(services).media.cancel({ jobId: a.jobId });
      for (const id of [first.draftId, second.draftId]) {
        const back = await waitFor(() => {
          const d = services.db.prepare('SELECT status, status_detail, media_file FROM drafts WHERE id = ?').get(id) as { status: string; status_detail: string | null; media_file: string };
          return d.status !== 'exporting' ? d : null;
        });
        expect(back).toEqual({ status: 'ready', status_detail: 'Export cancelled', media_file: 'capture.webm' });
      }
      expect(existsSync(path.join(root, 'q', 'drafts', first.draftId, 'export.mp4.part'))).toBe(false);
      expect(await services.dispatch('media.cancel', { jobId: a.jobId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      services.close();
    }
  });

  it('a take left open by a crash is repaired at the next start and listed as recovered', async () => {
    const dataDir = path.join(root, 'c');
    const first = open(dataDir);
    const { draftId } = await record(first, 6);
    // No finish: the studio "dies" here, leaving the raw file and the journal.
    first.db.close();
    expect(existsSync(path.join(dataDir, 'drafts', draftId, 'capture.raw.webm'))).toBe(true);
    const second = open(dataDir);
    try {
      const recovered = await waitFor(() => {
        const d = second.db.prepare('SELECT status, duration_ms FROM drafts WHERE id = ?').get(draftId) as { status: string; duration_ms: number | null };
        return d.status === 'recovered' ? d : null;
      });
      expect(recovered.duration_ms).toBeGreaterThan(500);
      expect(existsSync(path.join(dataDir, 'drafts', draftId, 'capture.webm'))).toBe(true);
    } finally {
      second.close();
    }
  });

  it('the journal starts with the filter and mirroring, and keeps pause/resume; a mirrored take exports un-mirrored unless Settings say so', async () => {
    const dataDir = path.join(root, 'm');
    const services = open(dataDir);
    const studio = studioClient(services);
    try {
      await studio.settings.set({ encoder: { preset: 'superfast', crf: 28 } });
      const { takeId, draftId } = await studio.recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'lip-1', attributeId: 'pink', filter: 'warm', mirrored: true });
      await studio.recordings.chunk({ takeId, seq: 0, bytes: take });
      await studio.recordings.event({ takeId, event: { type: 'pause', t: 800 } });
      await studio.recordings.event({ takeId, event: { type: 'resume', t: 800 } });
      await studio.recordings.finish({ takeId, mediaMs: 2000 });
      const dir = path.join(dataDir, 'drafts', draftId);
      const entries = readFileSync(path.join(dir, 'capture.journal.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string });
      expect(entries[0]).toMatchObject({ type: 'start', filter: 'warm', mirrored: true, itemId: 'lip-1' });
      expect(entries.map((e) => e.type)).toEqual(['start', 'pause', 'resume', 'stop']);
      expect(exportSourceOf(dir, await studio.drafts.get({ id: draftId }))).toMatchObject({ kind: 'video', mirrored: true });
      expect(exportSourceOf(dir, await studio.drafts.get({ id: draftId }), true)).toMatchObject({ kind: 'video', mirrored: false });
      // Without the new fields (an older page): no filter, not mirrored.
      const plain = await studio.recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: null, attributeId: null });
      await studio.recordings.chunk({ takeId: plain.takeId, seq: 0, bytes: take });
      await studio.recordings.finish({ takeId: plain.takeId, mediaMs: 2000 });
      const plainDir = path.join(dataDir, 'drafts', plain.draftId);
      expect(readFileSync(path.join(plainDir, 'capture.journal.jsonl'), 'utf8')).toMatch(/"type":"start".*"filter":null,"mirrored":false/);
      expect(exportSourceOf(plainDir, await studio.drafts.get({ id: plain.draftId }))).toMatchObject({ mirrored: false });
    } finally {
      services.close();
    }
  });

  it('settings persist, refuse a broken ffmpeg path and an unknown maximum length', async () => {
    const dataDir = path.join(root, 'd');
    const services = open(dataDir);
    const set = await studioClient(services).settings.set({ encoder: { preset: 'fast', crf: 20 }, maxLengthS: 30 });
    expect(set).toMatchObject({ encoder: { preset: 'fast', crf: 20 }, maxLengthS: 30, ffmpegPath: null });
    expect(set.ffmpeg.path).not.toBeNull();
    expect(await services.dispatch('settings.set', { ffmpegPath: path.join(root, 'no-ffmpeg-here') })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await services.dispatch('settings.set', { maxLengthS: 45 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const withPath = await studioClient(services).settings.set({ ffmpegPath: tools.ffmpeg.includes('/') ? tools.ffmpeg : '/usr/bin/ffmpeg' });
    expect(withPath.ffmpeg.source).toBe('setting');
    // Any executable is not ffmpeg: it must say "ffmpeg version" on -version.
    expect(await services.dispatch('settings.set', { ffmpegPath: '/bin/bash' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/is not ffmpeg/) } });
    const diagnostics = await studioClient(services).diagnostics.get();
    expect(diagnostics).toMatchObject({ app: { host: 'browser', version: '0.0.0-test' }, dataDir, versions: { node: process.versions.node, electron: null }, ffmpeg: { source: 'setting' } });
    expect(diagnostics.ffmpeg.ffmpeg?.version).toMatch(/^ffmpeg version /);
    expect(diagnostics.ffmpeg.ffprobe?.version).toMatch(/^ffprobe version /);
    services.close();
    const again = open(dataDir);
    expect(await studioClient(again).settings.get()).toMatchObject({ encoder: { preset: 'fast', crf: 20 }, maxLengthS: 30 });
    again.close();
  });
});
