import { describe, expect, test } from 'vitest';
import { parseServerConfig } from './config';

describe('server config', () => {
  test('flags win over env; loopback by default', () => {
    expect(parseServerConfig(['--port', '8123', '--data-dir', '/d', '--no-seed'], { PLATFORM_PORT: '9', PLATFORM_DATA_DIR: '/e' }, '/default')).toEqual({ port: 8123, host: '127.0.0.1', dataDir: '/d', seed: false });
    expect(parseServerConfig([], { PLATFORM_PORT: '9', PLATFORM_DATA_DIR: '/e' }, '/default')).toEqual({ port: 9, host: '127.0.0.1', dataDir: '/e', seed: true });
  });

  test('refuses a public address unless told, and bad values', () => {
    expect(() => parseServerConfig(['--host', '0.0.0.0'], {}, '/d')).toThrow(/allow-remote/);
    expect(parseServerConfig(['--host', '0.0.0.0', '--allow-remote'], {}, '/d').host).toBe('0.0.0.0');
    expect(() => parseServerConfig(['--port', 'eighty'], {}, '/d')).toThrow(/port/);
    expect(() => parseServerConfig(['--bogus'], {}, '/d')).toThrow(/unknown argument/);
  });
});
