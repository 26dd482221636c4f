import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from './locate';

const dir = mkdtempSync(path.join(tmpdir(), 'locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('locateFfmpeg', () => {
  const found = locateFfmpeg({ env: {} });

  it('finds a working ffmpeg and an ffprobe on this machine', () => {
    expect(found).not.toBeNull();
    expect(found!.ffprobe).not.toBeNull();
  });

  it('tries the Settings path first, and still finds an ffprobe when none sits beside it', () => {
    const lonely = path.join(dir, 'my-ffmpeg');
    const target = path.isAbsolute(found!.ffmpeg) ? found!.ffmpeg : execFileSync('which', [found!.ffmpeg], { encoding: 'utf8' }).trim();
    symlinkSync(target, lonely);
    const tools = locateFfmpeg({ setting: lonely, env: {} });
    expect(tools).toMatchObject({ ffmpeg: lonely, source: 'setting' });
    expect(tools!.ffprobe).not.toBeNull();
  });

  it('skips a setting that does not run, falling back to the next source', () => {
    const tools = locateFfmpeg({ setting: path.join(dir, 'missing-ffmpeg'), env: { FFMPEG_PATH: path.join(dir, 'also-missing') } });
    expect(tools?.source).toMatch(/bundled|PATH/);
  });
});
