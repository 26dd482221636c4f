import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFfmpegPath, ffmpegWarning, identify, isOld, locateFfmpeg, locateFfmpegSync } from './locate';

const dir = mkdtempSync(path.join(tmpdir(), 'locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SNAPSHOT_2018 = 'ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers\nbuilt with gcc 6.3.0';
const DEBIAN_5 = 'ffmpeg version 5.1.8-0+deb12u1 Copyright (c) 2000-2025 the FFmpeg developers\n';

describe('identify', () => {
  it('reads release, snapshot year and age from -version output', () => {
    expect(identify(DEBIAN_5, 'ffmpeg')).toMatchObject({ release: '5.1', year: 2025 });
    expect(identify(SNAPSHOT_2018, 'ffmpeg')).toMatchObject({ release: null, year: 2018 });
    expect(isOld(identify(DEBIAN_5, 'ffmpeg')!)).toBe(false);
    expect(isOld(identify(SNAPSHOT_2018, 'ffmpeg')!)).toBe(true);
    expect(isOld(identify('ffmpeg version n4.4.2 Copyright (c) 2000-2021', 'ffmpeg')!)).toBe(true);
  });

  it('refuses output that does not name the tool', () => {
    expect(identify('GNU bash, version 5.2.15(1)-release', 'ffmpeg')).toBeNull();
    expect(identify(DEBIAN_5, 'ffprobe')).toBeNull();
  });
});

describe('locateFfmpeg', async () => {
  const found = await locateFfmpeg({ env: {} });

  it('finds a working ffmpeg and an ffprobe on this machine, the same choice as the blocking variant', () => {
    expect(found).not.toBeNull();
    expect(found!.ffprobe).not.toBeNull();
    expect(locateFfmpegSync({ env: {} })).toEqual(found);
  });

  it('prefers a current system ffmpeg over the 2018 bundled build, and warns only for an old one', () => {
    const system = execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' });
    if (!isOld(identify(system, 'ffmpeg')!)) {
      expect(found).toMatchObject({ source: 'system', old: false });
      expect(ffmpegWarning(found)).toBeNull();
    }
    expect(ffmpegWarning({ ...found!, old: true })).toMatch(/old.*ffmpeg 5 or later/);
    expect(ffmpegWarning(null)).toMatch(/No working ffmpeg/);
  });

  it('tries the Settings path first, and still finds an ffprobe when none sits beside it', async () => {
    const lonely = path.join(dir, 'my-ffmpeg');
    const target = path.isAbsolute(found!.ffmpeg) ? found!.ffmpeg : execFileSync('which', [found!.ffmpeg], { encoding: 'utf8' }).trim();
    symlinkSync(target, lonely);
    const tools = await locateFfmpeg({ setting: lonely, env: {} });
    expect(tools).toMatchObject({ ffmpeg: lonely, source: 'setting' });
    expect(tools!.ffprobe).not.toBeNull();
    expect(await checkFfmpegPath(lonely)).toMatchObject({ ok: true, tools: { ffmpeg: lonely, version: expect.stringMatching(/^ffmpeg version /) } });
  });

  it('skips a setting that does not run, falling back to the next source', async () => {
    const tools = await locateFfmpeg({ setting: path.join(dir, 'missing-ffmpeg'), env: { FFMPEG_PATH: path.join(dir, 'also-missing') } });
    expect(tools?.source).toMatch(/bundled|system/);
  });

  it('refuses an executable that is not ffmpeg (bash), and an ffmpeg whose ffprobe is not ffprobe', async () => {
    expect(await checkFfmpegPath('/bin/bash')).toMatchObject({ ok: false, problem: expect.stringMatching(/is not ffmpeg/) });
    expect(await checkFfmpegPath(path.join(dir, 'nothing-here'))).toMatchObject({ ok: false, problem: expect.stringMatching(/did not run/) });
    const fake = path.join(dir, 'fake');
    execFileSync('mkdir', ['-p', fake]);
    const target = path.isAbsolute(found!.ffmpeg) ? found!.ffmpeg : execFileSync('which', [found!.ffmpeg], { encoding: 'utf8' }).trim();
    symlinkSync(target, path.join(fake, 'ffmpeg'));
    writeFileSync(path.join(fake, 'ffprobe'), '#!/bin/sh\necho "not a probe"\n');
    chmodSync(path.join(fake, 'ffprobe'), 0o755);
    expect(await checkFfmpegPath(path.join(fake, 'ffmpeg'))).toMatchObject({ ok: false, problem: expect.stringMatching(/is not ffprobe/) });
  });
});
