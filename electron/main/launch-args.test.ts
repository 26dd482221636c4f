import { describe, expect, it } from 'vitest';
import { ownArgs, parseLaunchArgs } from './launch-args';

describe('the desktop app command line', () => {
  it('reads --platform-url in both spellings and --no-platform-seed', () => {
    expect(parseLaunchArgs(['--platform-url=https://p.example'])).toEqual({ platformUrl: 'https://p.example', seed: true });
    expect(parseLaunchArgs(['--no-platform-seed', '--platform-url', 'http://127.0.0.1:9000'])).toEqual({ platformUrl: 'http://127.0.0.1:9000', seed: false });
    expect(parseLaunchArgs([])).toEqual({ platformUrl: null, seed: true });
  });

  it('ignores anything after a deep link or a bare --, so a link cannot choose the platform', () => {
    expect(parseLaunchArgs(['anchorstudio://anchor/anc_123', '--platform-url=https://evil.example'])).toEqual({ platformUrl: null, seed: true });
    expect(parseLaunchArgs(['--', '--platform-url=https://evil.example'])).toEqual({ platformUrl: null, seed: true });
    expect(parseLaunchArgs(['--no-platform-seed', 'anchorstudio://anchor/x', '--platform-url=https://evil.example']).platformUrl).toBeNull();
  });

  it('skips Chromium switches it does not know and refuses a platform URL that is not http(s)', () => {
    expect(parseLaunchArgs(['--enable-logging', '--platform-url=https://p.example']).platformUrl).toBe('https://p.example');
    expect(() => parseLaunchArgs(['--platform-url=file:///etc/passwd'])).toThrow(/http\(s\) URL/);
    expect(() => parseLaunchArgs(['--platform-url'])).toThrow(/needs a URL/);
  });

  it('drops the executable, and the app path when run as `electron .`', () => {
    expect(ownArgs(['/usr/bin/electron', '.', '--no-platform-seed'], true)).toEqual(['--no-platform-seed']);
    expect(ownArgs(['/opt/Anchor Studio/anchor-studio', 'anchorstudio://anchor/x'], false)).toEqual(['anchorstudio://anchor/x']);
  });
});
