import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { blockingDecision, lastSequence, PlaylistWaiter, SERVER_CONTROL, targetDuration, withBlockingReload } from './blocking-playlist';

/** A playlist as nginx-rtmp writes it. */
const playlist = (first: number, count: number): string =>
  `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:${first}\n#EXT-X-TARGETDURATION:1\n${Array.from({ length: count }, (_, i) => `#EXTINF:1.033,\n${first + i}.ts\n`).join('')}`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'blocking-playlist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replaces the playlist as nginx does: written beside it, then renamed over it. */
function publish(file: string, text: string): void {
  writeFileSync(`${file}.bak`, text);
  renameSync(`${file}.bak`, file);
}

test('the newest fragment number and target duration are read from the playlist', () => {
  expect(lastSequence(playlist(7, 4))).toBe(10);
  expect(lastSequence(playlist(0, 1))).toBe(0);
  expect(lastSequence('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:3\n')).toBeNull();
  expect(lastSequence('#EXTM3U\n#EXTINF:1.0,\n0.ts\n#EXTINF:1.0,\n1.ts\n')).toBe(1);
  expect(targetDuration(playlist(0, 2))).toBe(1);
  expect(targetDuration('#EXTM3U\n#EXT-X-TARGETDURATION:2\n')).toBe(2);
  expect(targetDuration('#EXTM3U\n')).toBe(1);
});

test('the server-control tag goes once, right after #EXTM3U', () => {
  const marked = withBlockingReload(playlist(3, 2));
  expect(marked.split('\n').slice(0, 2)).toEqual(['#EXTM3U', SERVER_CONTROL]);
  expect(marked.replace(`${SERVER_CONTROL}\n`, '')).toBe(playlist(3, 2));
  expect(withBlockingReload(marked)).toBe(marked);
});

test('a request is answered now when its fragment is listed, held for the next two, refused beyond', () => {
  expect(blockingDecision(10, undefined)).toBe('now');
  expect(blockingDecision(10, 9)).toBe('now');
  expect(blockingDecision(10, 10)).toBe('now');
  expect(blockingDecision(10, 11)).toBe('wait');
  expect(blockingDecision(10, 12)).toBe('wait');
  expect(blockingDecision(10, 13)).toBe('too-far');
  expect(blockingDecision(null, 0)).toBe('wait');
});

test('held requests are answered when nginx lists their fragment, each with the playlist that lists it', async () => {
  const file = path.join(dir, 'index.m3u8');
  publish(file, playlist(0, 3));
  const waiter = new PlaylistWaiter(5);
  const next = waiter.wait(file, 3, 5_000);
  const afterNext = waiter.wait(file, 4, 5_000);
  let answered = false;
  void next.then(() => (answered = true));
  await new Promise((r) => setTimeout(r, 60));
  expect(answered).toBe(false);
  publish(file, playlist(0, 4));
  expect(lastSequence((await next)!)).toBe(3);
  publish(file, playlist(1, 4));
  expect(lastSequence((await afterNext)!)).toBe(4);
});

test('a held request gets the playlist as it is after the timeout, and null once the file is gone', async () => {
  const file = path.join(dir, 'stale.m3u8');
  publish(file, playlist(0, 2));
  const waiter = new PlaylistWaiter(5);
  const started = Date.now();
  expect(await waiter.wait(file, 2, 80)).toBe(playlist(0, 2));
  expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  rmSync(file);
  expect(await waiter.wait(file, 2, 30)).toBeNull();
});
