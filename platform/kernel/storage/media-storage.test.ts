import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, expect, test } from 'vitest';
import { checkKey, LocalDiskStorage } from './media-storage';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'media-storage-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test('put moves the file in under its key; stat, whole and ranged reads; removeAll takes the folder', async () => {
  const root = tempDir();
  const incoming = path.join(tempDir(), 'upload.bin');
  writeFileSync(incoming, '0123456789');
  const storage = new LocalDiskStorage(root);
  await storage.put('vid_1/video.mp4', incoming);
  expect(readdirSync(path.dirname(incoming))).toEqual([]); // moved, not copied
  expect(await storage.stat('vid_1/video.mp4')).toEqual({ size: 10 });
  expect(await text(storage.read('vid_1/video.mp4'))).toBe('0123456789');
  expect(await text(storage.read('vid_1/video.mp4', { start: 2, end: 4 }))).toBe('234');
  expect(await storage.stat('vid_1/cover.jpg')).toBeNull();
  expect(await storage.stat('vid_1')).toBeNull(); // a folder is not an object
  expect(await storage.withLocalFile('vid_1/video.mp4', async (file) => readFileSync(file, 'utf8'))).toBe('0123456789');
  mkdirSync(path.join(root, 'lost+found'));
  expect(await storage.prefixes()).toEqual(['vid_1']);
  await storage.removeAll('vid_1');
  await storage.removeAll('vid_1');
  expect(readdirSync(root)).toEqual(['lost+found']);
  expect(await new LocalDiskStorage(path.join(root, 'not-yet')).prefixes()).toEqual([]);
});

test.each(['../etc/passwd', '/etc/passwd', 'vid_1/../../x', 'vid_1//x', '', 'vid_1/./x', 'a\\b'])('the key %j is refused before touching the disk', async (key) => {
  const storage = new LocalDiskStorage(tempDir());
  expect(() => checkKey(key)).toThrow(/not a media key/);
  await expect(storage.stat(key)).rejects.toThrow(/not a media key/);
  await expect(storage.removeAll(key)).rejects.toThrow(/not a media key/);
});
