import { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeStudio, type StudioServices } from '../compose';
import { createMemoryLogger } from '../logger';
import { makeRecorderWebm, requireTools } from '../media/test-inputs';
import { studioClient } from '../test-support/studio-client';

const tools = requireTools();
let root: string;
let services: StudioServices;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'repost-'));
  // No platform: a post waits in the outbox, which is all this needs.
  services = composeStudio({ dataDir: path.join(root, 'studio'), host: 'browser', version: '0.0.0-test', logger: createMemoryLogger(), platform: null });
});
afterAll(() => {
  services?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('sync.repost: "Retry" on the result page', () => {
  it('posts a cancelled post again as a new job with the same fields; refuses a post still on its way and one whose file is gone', async () => {
    const client = studioClient(services);
    const take = new Uint8Array(readFileSync(makeRecorderWebm(tools, path.join(root, 'take.webm'), { width: 320, height: 240, seconds: 1, codec: 'vp8' })));
    const { takeId, draftId } = await client.recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red' });
    await client.recordings.chunk({ takeId, seq: 0, bytes: take });
    await client.recordings.finish({ takeId, mediaMs: 1000 });
    const anchor = { kind: 'tryon' as const, role: 'target' as const, itemId: 'velvet-rouge-lipstick', label: 'Velvet Rouge', x: 0.6, y: 0.5, startMs: 200, endMs: 900, placement: 'manual' as const };
    const { jobId } = await client.sync.post({ draftId, title: 'First try', visibility: 'public', location: 'Lisbon', anchors: [anchor] });

    expect(await services.dispatch('sync.repost', { jobId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await client.sync.cancel({ jobId });
    const again = await client.sync.repost({ jobId });
    expect(again.jobId).not.toBe(jobId);
    const next = (await client.sync.jobs()).find((j) => j.id === again.jobId)!;
    expect(next).toMatchObject({ title: 'First try', draftId, anchorCount: 1, target: { itemId: 'velvet-rouge-lipstick', label: 'Velvet Rouge', x: 0.6, y: 0.5 } });
    expect(next.state).not.toBe('cancelled');
    expect(await services.dispatch('sync.repost', { jobId: 'job_00000000000000000000' })).toMatchObject({ ok: false, error: { code: expect.stringMatching(/not_found|invalid_input/) } });

    // The draft's file removed under a cancelled post: a sentence, not a crash.
    await client.sync.cancel({ jobId: again.jobId });
    const kit = await client.sync.prepare({ draftId });
    unlinkSync(path.join(root, 'studio', 'drafts', draftId, path.basename(kit.mediaUrl)));
    expect(await services.dispatch('sync.repost', { jobId: again.jobId })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('post the draft again') } });
  }, 30_000);
});
