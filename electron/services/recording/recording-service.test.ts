import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { MediaService } from '../media/media-service';
import { decodableSeconds, makeRecorderMp4, makeRecorderWebm, requireTools } from '../media/test-inputs';
import { englishFailure } from '@shared/ipc/failure-text';
import { RecordingService } from './recording-service';
import type { RecordingWriteError } from './write-failure';

const tools = requireTools();
const fixture = path.join(import.meta.dirname, 'take-fixture.ts');
let root: string;
let source: string;

const media = new MediaService({ tools: () => tools, logger: createMemoryLogger(), now: Date.now });
const service = (onFailed?: (key: string, e: RecordingWriteError) => void): RecordingService =>
  new RecordingService({ logger: createMemoryLogger(), now: Date.now, remux: (i, o) => media.remux(i, o), ...(onFailed ? { onFailed } : {}) });

/** End time (s) of the last video packet wholly inside the first `bytes` bytes of `file`. */
function secondsWithin(file: string, bytes: number): number {
  const out = execFileSync(tools.ffprobe!, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time,pos,size', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  let end = 0;
  for (const line of out.trim().split('\n')) {
    const [pts, dur, size, pos] = line.split(',').map(Number) as [number, number, number, number];
    if (pos + size <= bytes) end = Math.max(end, pts + (Number.isFinite(dur) ? dur : 0));
  }
  return end;
}

/** Runs the fixture; `until` sees each stdout line and returns true to SIGKILL it there. */
function runFixture(args: readonly string[], until: (line: string) => boolean, ulimitKb?: number): Promise<{ lines: string[]; killed: boolean }> {
  const node = [process.execPath, '--import', 'tsx', fixture, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('bash', ['-c', `${ulimitKb ? `ulimit -f ${ulimitKb}; ` : ''}exec ${node}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let killed = false;
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (killed) continue;
      lines.push(line);
      if (until(line)) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      if (killed || code === 0) resolve({ lines, killed: killed && signal === 'SIGKILL' });
      else reject(new Error(`fixture exited ${code ?? signal}: ${stderr}`));
    });
  });
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'recording-test-'));
  source = makeRecorderWebm(tools, path.join(root, 'source.webm'), { width: 320, height: 240, seconds: 4, codec: 'vp8' });
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('RecordingService', () => {
  it('writes a take chunk by chunk with its journal, and finishes it as a playable WebM with a duration', async () => {
    const recordings = service();
    const dir = path.join(root, 'drf_normal');
    const session = await recordings.start('drf_normal', { dir, mimeType: 'video/webm;codecs=vp8,opus', itemId: 'lip-1', attributeId: 'pink' });
    const data = readFileSync(source);
    const size = Math.ceil(data.length / 10);
    for (let i = 0; i < 10; i++) {
      await session.append(data.subarray(i * size, (i + 1) * size), i);
      if (i === 5) await session.event({ type: 'attribute', t: 2000, itemId: 'lip-1', attributeId: 'rose' });
    }
    // A retried chunk is not written twice; a gap is refused.
    expect(await session.append(data.subarray(0, size), 3)).toBe(data.length);
    await expect(session.append(data.subarray(0, 10), 12)).rejects.toThrow(/before chunk 10/);
    await expect(session.event({ type: 'attribute', t: -5, itemId: '', attributeId: 'x' })).rejects.toThrow(/Not a recording event: t /);

    const take = await recordings.finish('drf_normal', 4000);
    expect(take).toMatchObject({ outcome: 'ready', mediaFile: 'capture.webm', mimeType: 'video/webm;codecs=vp8,opus', width: 320, height: 240, message: null });
    expect(Math.abs(take.durationMs! - 4000)).toBeLessThanOrEqual(100);
    expect(take.journal.map((e) => e.type)).toEqual(['start', 'attribute', 'stop']);
    expect(readdirSync(dir).sort()).toEqual(['capture.journal.jsonl', 'capture.webm']);
    expect(await recordings.scan(root)).toEqual([]);
  });

  it('refuses to record into a folder that cannot be written, saying which', async () => {
    const blocker = path.join(root, 'not-a-folder');
    writeFileSync(blocker, 'x');
    await expect(service().start('drf_x', { dir: path.join(blocker, 'drf_x'), mimeType: 'video/webm', itemId: null, attributeId: null })).rejects.toThrow(/cannot be written \(ENOTDIR\)/);
  });

  it('after SIGKILL mid-take, the next start recovers a playable take keeping ≥ 90 % of what was recorded', async () => {
    const dir = path.join(root, 'drf_crash');
    const total = statSync(source).size;
    let acked = 0;
    const run = await runFixture(['crash', dir, source, '16', '60'], (line) => {
      if (line.startsWith('ack ')) acked = Number(line.slice(4));
      return acked >= total * 0.6;
    });
    expect(run.killed).toBe(true);
    const recordedSeconds = secondsWithin(source, acked);
    expect(recordedSeconds).toBeGreaterThan(1.5);

    const recordings = service();
    expect(await recordings.scan(root)).toEqual([dir]);
    const [take] = await recordings.recoverAll(root);
    expect(take).toMatchObject({ dir, outcome: 'recovered', mediaFile: 'capture.webm' });
    const file = path.join(dir, take!.mediaFile!);
    // It plays: ffmpeg decodes every frame without an error.
    expect(execFileSync(tools.ffmpeg, ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    const kept = decodableSeconds(tools, file);
    expect(kept).toBeGreaterThanOrEqual(0.9 * recordedSeconds);
    expect(Math.abs(take!.durationMs! / 1000 - kept)).toBeLessThanOrEqual(0.1);
    expect(take!.journal[0]).toMatchObject({ type: 'start', attributeId: 'pink' });
    expect(take!.journal.find((e) => e.type === 'attribute')).toMatchObject({ attributeId: 'rose' });
    expect(existsSync(path.join(dir, 'capture.raw.webm'))).toBe(false);
    expect(await recordings.scan(root)).toEqual([]);
  });

  it('when the disk fills mid-take, stops with a clear error and keeps what was written', async () => {
    const dir = path.join(root, 'drf_full');
    const run = await runFixture(['fill', dir, source, '16', '0'], () => false, 200);
    const failure = run.lines.find((l) => l.startsWith('failed '));
    expect(failure).toMatch(/^failed \d+ Recording stopped: the disk is full \(EFBIG\)\. What was recorded until then is kept\.$/);
    const kept = Number(failure!.split(' ')[1]);
    expect(kept).toBe(200 * 1024);
    expect(statSync(path.join(dir, 'capture.raw.webm')).size).toBe(kept);

    const take = await service().recover(dir);
    expect(take.outcome).toBe('recovered');
    expect(decodableSeconds(tools, path.join(dir, take.mediaFile!))).toBeGreaterThanOrEqual(0.9 * secondsWithin(source, kept));
  });

  it("recovers Chromium's fragmented MP4 cut mid-fragment", async () => {
    const mp4 = makeRecorderMp4(tools, path.join(root, 'source.mp4'), { width: 320, height: 240, seconds: 3 });
    const dir = path.join(root, 'drf_mp4');
    const data = readFileSync(mp4);
    const cut = Math.floor(data.length * 0.6);
    // The app "dies" here: the take is never finished, its files are left as they are.
    const session = await service().start('mp4', { dir, mimeType: 'video/mp4;codecs=avc1,mp4a.40.2', itemId: null, attributeId: null });
    for (let i = 0, seq = 0; i < cut; i += 40_000, seq++) await session.append(data.subarray(i, Math.min(cut, i + 40_000)), seq);

    const [take] = await service().recoverAll(root);
    expect(take).toMatchObject({ dir, outcome: 'recovered', mediaFile: 'capture.mp4', mimeType: 'video/mp4;codecs=avc1,mp4a.40.2' });
    const kept = decodableSeconds(tools, path.join(dir, 'capture.mp4'));
    expect(kept).toBeGreaterThan(1);
    expect(kept).toBeGreaterThanOrEqual(0.9 * secondsWithin(mp4, cut));
  });

  it('a take being opened while the start-up recovery scans is not taken for a crash leftover', async () => {
    const drafts = path.join(root, 'opening');
    const recordings = service();
    const opening = Array.from({ length: 6 }, (_, i) => recordings.start(`k${i}`, { dir: path.join(drafts, `drf_${i}`), mimeType: 'video/webm', itemId: null, attributeId: null }));
    let opened = false;
    const all = Promise.all(opening).finally(() => (opened = true));
    // The scan runs while the sessions create their files, before they are registered.
    const seen: string[] = [];
    while (!opened) seen.push(...(await recordings.scan(drafts)));
    await all;
    expect(seen).toEqual([]);
    expect(await recordings.recoverAll(drafts)).toEqual([]);
    const data = readFileSync(source);
    for (let i = 0; i < 6; i++) {
      await (await opening[i]!).append(data, 0);
      expect(await recordings.finish(`k${i}`, 2000)).toMatchObject({ outcome: 'ready', mediaFile: 'capture.webm' });
    }
    // Finished, the folders are no one's: a leftover there would be found again.
    writeFileSync(path.join(drafts, 'drf_0', 'capture.raw.webm'), data);
    expect(await recordings.scan(drafts)).toEqual([path.join(drafts, 'drf_0')]);
  });

  it('sets aside a take ffmpeg cannot salvage instead of retrying it at every start', async () => {
    const dir = path.join(root, 'drf_garbage');
    const recordings = service();
    const session = await recordings.start('g', { dir, mimeType: 'video/webm', itemId: null, attributeId: null });
    await session.append(Buffer.from('definitely not matroska '.repeat(100)), 0);
    const take = await recordings.finish('g', 1000);
    expect(take.outcome).toBe('unplayable');
    expect(take.message).toMatchObject({ key: 'draftStatus.takeUnrepairable', params: { reason: expect.any(String) } });
    expect(englishFailure(take.message!)).toMatch(/^The recording could not be repaired: /);
    expect(existsSync(path.join(dir, 'capture.unrecoverable.webm'))).toBe(true);
    expect(await recordings.scan(root)).toEqual([]);
  });
});
