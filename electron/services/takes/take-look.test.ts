import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeStudio, type StudioServices } from '../compose';
import { createMemoryLogger } from '../logger';
import { makeRecorderWebm, makeStill, requireTools } from '../media/test-inputs';
import { studioClient } from '../test-support/studio-client';

const tools = requireTools();
let root: string;
let services: StudioServices;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'take-look-'));
  services = composeStudio({ dataDir: path.join(root, 'studio'), host: 'browser', version: '0.0.0-test', logger: createMemoryLogger(), platform: null });
});
afterAll(() => {
  services?.close();
  rmSync(root, { recursive: true, force: true });
});

const look = [
  { itemId: 'sunset-lids-eyeshadow', attributeId: 'smoky-plum', intensity: 1 },
  { itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', intensity: 0.3 },
  { itemId: 'round-frames', attributeId: 'gold', intensity: 1 },
];

describe('a take in a whole look (issue 16 §2)', () => {
  it('journals the look from the start, and posting it targets the current item with the look as it was last worn', async () => {
    const client = studioClient(services);
    const take = new Uint8Array(readFileSync(makeRecorderWebm(tools, path.join(root, 'take.webm'), { width: 320, height: 240, seconds: 1, codec: 'vp8' })));
    const { takeId, draftId } = await client.recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', look });
    await client.recordings.chunk({ takeId, seq: 0, bytes: take });
    await client.recordings.event({ takeId, event: { type: 'look', t: 400, look: [{ ...look[0]!, attributeId: 'champagne' }, look[1]!, look[2]!] } });
    await client.recordings.finish({ takeId, mediaMs: 1000 });
    const kit = await client.sync.prepare({ draftId });
    expect(kit).toMatchObject({ itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red' });
    expect(kit.draft.look.map((l) => `${l.itemId}/${l.attributeId}@${l.intensity}`)).toEqual(['sunset-lids-eyeshadow/champagne@1', 'velvet-rouge-lipstick/classic-red@0.3', 'round-frames/gold@1']);
  }, 30_000);

  it('an older take that switched items more often than a look has layers still posts, with the first five', async () => {
    const client = studioClient(services);
    const take = new Uint8Array(readFileSync(path.join(root, 'take.webm')));
    const { takeId, draftId } = await client.recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red' });
    await client.recordings.chunk({ takeId, seq: 0, bytes: take });
    for (const [i, itemId] of ['glass-gloss-lip', 'satin-stick', 'cheek-glow-blush', 'sunset-lids-eyeshadow', 'round-frames'].entries()) {
      await client.recordings.event({ takeId, event: { type: 'attribute', t: 100 * (i + 1), itemId, attributeId: 'first' } });
    }
    await client.recordings.finish({ takeId, mediaMs: 1000 });
    const kit = await client.sync.prepare({ draftId });
    expect(kit.draft.look.map((l) => l.itemId)).toEqual(['velvet-rouge-lipstick', 'glass-gloss-lip', 'satin-stick', 'cheek-glow-blush', 'sunset-lids-eyeshadow']);
  }, 30_000);

  it('a photo video keeps the whole look with its draft (no journal), and posting it links the look as a photo does', async () => {
    const client = studioClient(services);
    const png = new Uint8Array(readFileSync(makeStill(tools, path.join(root, 'look.png'), 320, 480)));
    const { draft } = await client.recordings.still({ bytes: png, mimeType: 'image/png', seconds: 2, itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', look });
    expect(draft.look).toEqual(look);
    expect((await client.drafts.get({ id: draft.id })).look).toEqual(look);
    await expect.poll(async () => (await client.drafts.get({ id: draft.id })).status, { timeout: 20_000 }).toBe('ready');
    const kit = await client.sync.prepare({ draftId: draft.id });
    expect(kit).toMatchObject({ itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red' });
    expect(kit.draft.look).toEqual(look);
    // A bad look is refused before anything is written: no draft row is left behind.
    const before = (await client.drafts.list(undefined)).length;
    const twice = await services.dispatch('recordings.still', { bytes: png, mimeType: 'image/png', seconds: 2, itemId: null, attributeId: null, look: [look[0], look[0]] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('sunset-lids-eyeshadow is in the look twice') } });
    expect((await client.drafts.list(undefined)).length).toBe(before);
  }, 30_000);

  it('refuses a start or an event whose look is not one, with a sentence', async () => {
    const twice = await services.dispatch('recordings.start', { mimeType: 'video/webm', itemId: null, attributeId: null, look: [look[0], look[0]] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('sunset-lids-eyeshadow is in the look twice') } });
    const { takeId } = await studioClient(services).recordings.start({ mimeType: 'video/webm', itemId: null, attributeId: null });
    const strong = await services.dispatch('recordings.event', { takeId, event: { type: 'look', t: 0, look: [{ ...look[0], intensity: 3 }] } });
    expect(strong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('an intensity is 0 to 1') } });
    await services.dispatch('recordings.abort', { takeId });
  });
});
