import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookAt, parseJournal } from '@shared/domain/recording/journal';
import { LookIds } from '@shared/domain/tryon/look-ids';
import { createMemoryLogger } from '../logger';
import { RecordingSession } from './recording-session';

const root = mkdtempSync(path.join(tmpdir(), 'recording-session-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const deps = { logger: createMemoryLogger(), now: () => 1_000, syncIntervalMs: 1000, onFailed: () => undefined };
const look = LookIds.parse([
  { itemId: 'sunset-lids-eyeshadow', attributeId: 'smoky-plum', intensity: 1 },
  { itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', intensity: 0.3 },
  { itemId: 'round-frames', attributeId: 'gold', intensity: 1 },
]);

describe('RecordingSession journal of a whole look (issue 16 §2)', () => {
  it('writes the look at the start and each look line the page sends; a journal without one reads as before', async () => {
    const dir = path.join(root, 'layered');
    const session = await RecordingSession.open(deps, { dir, mimeType: 'video/webm;codecs=vp9', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', look });
    const changed = [look[0], { ...look[1]!, attributeId: 'berry' }, look[2]];
    await session.event({ type: 'look', t: 1200, look: changed });
    await session.close(2000);
    const journal = parseJournal(readFileSync(session.files.journal, 'utf8'));
    expect(journal.badLines).toBe(0);
    const start = journal.entries[0];
    expect(start?.type === 'start' && start.look).toEqual(look);
    expect(lookAt(journal.entries, 1500).map((l) => l.attributeId)).toEqual(['smoky-plum', 'berry', 'gold']);

    const plain = await RecordingSession.open(deps, { dir: path.join(root, 'single'), mimeType: 'video/webm', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red' });
    await plain.close(100);
    const first = readFileSync(plain.files.journal, 'utf8').split('\n')[0]!;
    expect(JSON.parse(first)).not.toHaveProperty('look');
  });

  it('refuses a look event that is not one, saying what is wrong, and writes nothing for it', async () => {
    const session = await RecordingSession.open(deps, { dir: path.join(root, 'refused'), mimeType: 'video/webm', itemId: null, attributeId: null, look: [] });
    await expect(session.event({ type: 'look', t: 10, look: [look[0], look[0]] })).rejects.toThrow('Not a recording event: look.1.itemId sunset-lids-eyeshadow is in the look twice');
    await expect(session.event({ type: 'look', t: 10, look: [{ ...look[0]!, intensity: 2 }] })).rejects.toThrow('look.0.intensity an intensity is 0 to 1');
    await session.close(100);
    expect(parseJournal(readFileSync(session.files.journal, 'utf8')).entries.map((e) => e.type)).toEqual(['start', 'stop']);
  });
});
