import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sampleVideo } from '../../test-support/fixtures';
import { extractCover } from './cover';
import { probeVideo } from './probe';
import { DEFAULT_MEDIA_LIMITS } from './run';
import { isCurrentBuild, locateMediaTools, parseToolVersion } from './tools';

const dir = mkdtempSync(path.join(os.tmpdir(), 'media-tools-'));
const emptyPath = path.join(dir, 'empty-bin');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in tool that prints the given banner for `-version`. */
function fakeTool(name: string, bannerLine: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho '${bannerLine}'\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('which ffmpeg the platform runs on uploads', () => {
  test('versions: releases by major, snapshots by their copyright year', () => {
    expect(parseToolVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers')).toEqual({ major: 5, year: 2026 });
    expect(isCurrentBuild(parseToolVersion('ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021'))).toBe(false);
    expect(isCurrentBuild(parseToolVersion('ffmpeg version n6.1 Copyright (c) 2000-2023'))).toBe(true);
    expect(isCurrentBuild(parseToolVersion('ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers'))).toBe(false);
    expect(isCurrentBuild(parseToolVersion('something else entirely'))).toBe(false);
  });

  test('the npm-bundled 2018 build is refused even when named explicitly, and never found on its own', () => {
    const require = createRequire(import.meta.url);
    const bundled = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    const refused: string[] = [];
    const current = fakeTool('ffprobe-current', 'ffprobe version 5.1.9 Copyright (c) 2007-2026');
    const tools = locateMediaTools({ FFPROBE_PATH: current, FFMPEG_PATH: bundled, PATH: emptyPath }, { onRefused: (r) => refused.push(r) });
    expect(tools).toMatchObject({ ffprobe: current, ffmpeg: null });
    expect(refused.join('\n')).toMatch(/older than FFmpeg 5\.0.*2018/);
    // Nothing named and nothing on PATH: no tools at all (not the bundled fallback).
    expect(locateMediaTools({ PATH: emptyPath })).toBeNull();
  });

  test('an old system build is refused unless PLATFORM_ALLOW_OLD_FFMPEG=1', () => {
    const old = fakeTool('ffprobe-old', 'ffprobe version 4.3.6 Copyright (c) 2007-2021');
    expect(locateMediaTools({ FFPROBE_PATH: old, PATH: emptyPath })).toBeNull();
    expect(locateMediaTools({ FFPROBE_PATH: old, PATH: emptyPath, PLATFORM_ALLOW_OLD_FFMPEG: '1' })?.ffprobe).toBe(old);
  });

  test('by default the platform finds the system ffmpeg ≥ 5 on PATH', () => {
    const tools = locateMediaTools({ PATH: process.env.PATH });
    expect(tools?.ffprobe).toBe('ffprobe');
    expect(tools?.ffmpeg).toBe('ffmpeg');
    expect(tools?.limits).toEqual(DEFAULT_MEDIA_LIMITS);
  });
});

describe('each run is bounded', () => {
  const mp4 = path.join(dir, 'sample.mp4');
  writeFileSync(mp4, sampleVideo().mp4);

  test('within the default limits a real video probes and gets a cover', async () => {
    const probed = await probeVideo('ffprobe', mp4, DEFAULT_MEDIA_LIMITS);
    expect(probed).toMatchObject({ ok: true, video: { width: 320, height: 240 } });
    expect(await extractCover('ffmpeg', mp4, 500, path.join(dir, 'cover.jpg'), DEFAULT_MEDIA_LIMITS)).toBe(true);
  });

  test('a run past its timeout is killed and refused in words', async () => {
    const slow = path.join(dir, 'ffprobe-slow');
    writeFileSync(slow, '#!/bin/sh\nsleep 5\n');
    chmodSync(slow, 0o755);
    const started = Date.now();
    const probed = await probeVideo(slow, mp4, { ...DEFAULT_MEDIA_LIMITS, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(probed).toEqual({ ok: false, reason: 'it took longer than 300 ms to read' });
  });

  test('the memory cap applies to the tool itself (64 MiB is too little even to load ffmpeg)', async () => {
    const tiny = { ...DEFAULT_MEDIA_LIMITS, memoryBytes: 64 * 1024 * 1024 };
    expect((await probeVideo('ffprobe', mp4, tiny)).ok).toBe(false);
    expect(await extractCover('ffmpeg', mp4, 500, path.join(dir, 'cover-tiny.jpg'), tiny)).toBe(false);
  });
});
