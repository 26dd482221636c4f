import { LookIds } from '@shared/domain/tryon/look-ids';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DraftId, ImportId } from '@shared/domain/ids';
import { IMPORT_CHUNK_MAX } from '@shared/ipc/contract';
import { StudioFailure } from '@shared/ipc/result';
import { openDatabase } from '../db/open-database';
import { migrations } from '../db/migrations';
import { locateFfmpegSync as locateFfmpeg } from '../ffmpeg/locate';
import { MediaService } from '../media/media-service';
import { createMemoryLogger } from '../logger';
import { DraftFiles } from './draft-files';
import { DraftsRepository } from './drafts-repository';
import { DraftsService } from './drafts-service';

const faces = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'faces');
const tools = locateFfmpeg();
let dataDir: string;
let service: DraftsService;
let changes: string[];
let clock: number;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-drafts-'));
  clock = 1_700_000_000_000;
  changes = [];
  const { db } = openDatabase(path.join(dataDir, 'studio.db'), migrations, createMemoryLogger(), () => clock);
  service = new DraftsService({
    repository: new DraftsRepository(db),
    files: new DraftFiles(dataDir),
    media: new MediaService({ tools: () => tools, logger: createMemoryLogger(), now: () => clock }),
    logger: createMemoryLogger(),
    now: () => clock,
    onChanged: (e) => changes.push(`${e.change}`),
  });
});
afterEach(() => {
  service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function upload(bytes: Uint8Array, name: string, chunk = 64 * 1024) {
  const id = service.imports.begin(name, bytes.byteLength);
  for (let offset = 0; offset < bytes.byteLength; offset += chunk) service.imports.append(id, offset, bytes.subarray(offset, offset + chunk));
  return service.finishImport(id);
}

const code = async (p: Promise<unknown> | (() => unknown)): Promise<string> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    return error instanceof StudioFailure ? error.code : `not a StudioFailure: ${String(error)}`;
  }
  return 'no error';
};

describe('DraftsService', () => {
  it('imports a photo streamed in chunks, with size and thumbnail', async () => {
    const png = readFileSync(path.join(faces, 'astronaut.png'));
    const draft = await upload(png, 'astronaut.png');
    expect(draft).toMatchObject({ kind: 'photo', title: 'astronaut', mimeType: 'image/png', width: 512, height: 512, sizeBytes: png.byteLength, status: 'ready', thumbnailFile: 'thumb.jpg' });
    const dir = path.join(dataDir, 'drafts', draft.id);
    expect(readFileSync(path.join(dir, 'original.png'))).toEqual(png);
    expect(readFileSync(path.join(dir, 'thumb.jpg')).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(service.list().map((d) => d.id)).toEqual([draft.id]);
    expect(changes).toEqual(['created']);
  });

  it('refuses a non-media file at its first chunk and leaves nothing behind', async () => {
    const text = new TextEncoder().encode('not an image at all\n'.repeat(50));
    const id = service.imports.begin('notes.png', text.byteLength);
    expect(await code(() => service.imports.append(id, 0, text))).toBe('unsupported_media');
    expect(readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
    expect(readdirSync(path.join(dataDir, 'drafts'))).toEqual([]);
    expect(service.list()).toEqual([]);
  });

  it('refuses a file that looks like an image but does not decode', async () => {
    const png = readFileSync(path.join(faces, 'astronaut.png'));
    const broken = new Uint8Array(png.subarray(0, 2000));
    broken.fill(7, 40);
    expect(await code(upload(broken, 'broken.png'))).toBe('unsupported_media');
    expect(readdirSync(path.join(dataDir, 'drafts'))).toEqual([]);
    expect(readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
  });

  it('keeps chunks in order and sizes honest', async () => {
    const png = readFileSync(path.join(faces, 'grace_hopper.jpg'));
    const id = service.imports.begin('g.jpg', png.byteLength);
    service.imports.append(id, 0, png.subarray(0, 1000));
    expect(await code(() => service.imports.append(id, 5000, png.subarray(5000, 6000)))).toBe('conflict');
    expect(await code(service.finishImport(id))).toBe('invalid_input');
    expect(await code(() => service.imports.append('imp_00000000000000000000' as ImportId, 0, png))).toBe('not_found');
    const small = service.imports.begin('g.jpg', 10);
    expect(await code(() => service.imports.append(small, 0, png.subarray(0, IMPORT_CHUNK_MAX)))).toBe('invalid_input');
    expect(readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
  });

  it('imports a video file from a path with its duration', async () => {
    const { execFileSync } = await import('node:child_process');
    const video = path.join(dataDir, 'clip.webm');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30:duration=1.5', '-c:v', 'libvpx', '-b:v', '200k', video]);
    const draft = await service.importFromPath(video);
    expect(draft).toMatchObject({ kind: 'video', mimeType: 'video/webm', width: 320, height: 240 });
    expect(draft.durationMs).toBeGreaterThanOrEqual(1400);
    expect(draft.durationMs).toBeLessThanOrEqual(1600);
  });

  it('renames and deletes with files', async () => {
    const draft = await upload(readFileSync(path.join(faces, 'astronaut.png')), 'astronaut.png');
    clock += 1000;
    expect(service.rename(draft.id, 'Moon look')).toMatchObject({ title: 'Moon look', updatedAt: clock });
    service.remove(draft.id);
    expect(existsSync(path.join(dataDir, 'drafts', draft.id))).toBe(false);
    expect(await code(() => service.remove(draft.id))).toBe('not_found');
    expect(await code(() => service.rename('drf_0000000000000000000' as DraftId, 'x'))).toBe('not_found');
    expect(changes).toEqual(['created', 'updated', 'removed']);
  });

  it('saves a photo with the whole look worn, and reads it back after reopening the database', async () => {
    const png = readFileSync(path.join(faces, 'astronaut.png'));
    const look = LookIds.parse([
      { itemId: 'blush-peach', attributeId: 'peach', intensity: 0.6 },
      { itemId: 'lipstick-classic', attributeId: 'ruby', intensity: 1 },
      { itemId: 'hat-fedora', attributeId: 'black', intensity: 1 },
    ]);
    const draft = await service.savePhoto({ bytes: png, title: 'Full look', itemId: 'lipstick-classic', attributeId: 'ruby', look });
    expect(draft).toMatchObject({ kind: 'photo', itemId: 'lipstick-classic', attributeId: 'ruby', look });
    const single = await service.savePhoto({ bytes: png, title: 'One item', itemId: 'hat-fedora', attributeId: 'black' });
    expect(single.look).toEqual([]);
    service.close();
    const { db } = openDatabase(path.join(dataDir, 'studio.db'), migrations, createMemoryLogger(), () => clock);
    const reopened = new DraftsRepository(db);
    expect(reopened.get(draft.id)).toMatchObject({ itemId: 'lipstick-classic', attributeId: 'ruby', look });
    expect(reopened.get(single.id)?.look).toEqual([]);
    expect(db.prepare<[string], { look_json: string | null }>('SELECT look_json FROM drafts WHERE id = ?').get(single.id)?.look_json).toBeNull();
    db.close();
  });

  it('refuses a photo that is not a PNG or JPEG, look or not, and leaves nothing written', async () => {
    const text = new TextEncoder().encode('not an image at all\n'.repeat(50));
    const look = LookIds.parse([{ itemId: 'lipstick-classic', attributeId: 'ruby', intensity: 1 }]);
    expect(await code(service.savePhoto({ bytes: text, title: 'Broken', itemId: 'lipstick-classic', attributeId: 'ruby', look }))).toBe('unsupported_media');
    expect(readdirSync(path.join(dataDir, 'drafts'))).toEqual([]);
    expect(service.list()).toEqual([]);
    expect(changes).toEqual([]);
  });
});
