import { describe, expect, test } from 'vitest';
import { parseServerConfig } from './config';

describe('server config', () => {
  test('flags win over env; loopback by default', () => {
    expect(parseServerConfig(['--port', '8123', '--data-dir', '/d', '--no-seed'], { PLATFORM_PORT: '9', PLATFORM_DATA_DIR: '/e' }, '/default')).toEqual({
      port: 8123,
      host: '127.0.0.1',
      dataDir: '/d',
      seed: false,
    });
    expect(parseServerConfig([], { PLATFORM_PORT: '9', PLATFORM_DATA_DIR: '/e' }, '/default')).toEqual({ port: 9, host: '127.0.0.1', dataDir: '/e', seed: true });
  });

  test('--database-url (or PLATFORM_DATABASE_URL) chooses PostgreSQL; anything but postgres:// is refused', () => {
    expect(parseServerConfig(['--database-url', 'postgres://u@db:5432/anchor'], {}, '/d').databaseUrl).toBe('postgres://u@db:5432/anchor');
    expect(parseServerConfig([], { PLATFORM_DATABASE_URL: 'postgresql://db/anchor' }, '/d').databaseUrl).toBe('postgresql://db/anchor');
    expect(parseServerConfig(['--database-url', 'postgres://flag/x'], { PLATFORM_DATABASE_URL: 'postgres://env/y' }, '/d').databaseUrl).toBe('postgres://flag/x');
    expect(parseServerConfig([], {}, '/d').databaseUrl).toBeUndefined();
    expect(() => parseServerConfig(['--database-url', 'mysql://db/x'], {}, '/d')).toThrow(/postgres:\/\//);
  });

  test('--redis-url (or PLATFORM_REDIS_URL) for the bus between nodes; anything but redis:// is refused', () => {
    expect(parseServerConfig(['--redis-url', 'redis://127.0.0.1:6379'], {}, '/d').redisUrl).toBe('redis://127.0.0.1:6379');
    expect(parseServerConfig([], { PLATFORM_REDIS_URL: 'rediss://cache:6380' }, '/d').redisUrl).toBe('rediss://cache:6380');
    expect(parseServerConfig([], {}, '/d').redisUrl).toBeUndefined();
    expect(() => parseServerConfig(['--redis-url', 'http://cache'], {}, '/d')).toThrow(/redis:\/\//);
  });

  test('custom video orders: --order-accept-hours / --order-deliver-hours / --order-cut-bps (or PLATFORM_ORDER_*); absent → the defaults', () => {
    expect(parseServerConfig([], {}, '/d')).not.toHaveProperty('orderWindows');
    expect(parseServerConfig([], {}, '/d')).not.toHaveProperty('orderCutBps');
    expect(parseServerConfig(['--order-accept-hours', '0.5'], {}, '/d').orderWindows).toEqual({ acceptMs: 1_800_000, deliverMs: 168 * 3_600_000 });
    expect(parseServerConfig(['--order-deliver-hours', '2'], { PLATFORM_ORDER_ACCEPT_HOURS: '1' }, '/d').orderWindows).toEqual({ acceptMs: 3_600_000, deliverMs: 7_200_000 });
    expect(parseServerConfig([], { PLATFORM_ORDER_CUT_BPS: '1000' }, '/d').orderCutBps).toBe(1000);
    for (const bad of [
      ['--order-accept-hours', '0'],
      ['--order-deliver-hours', '-1'],
      ['--order-accept-hours', 'soon'],
      ['--order-cut-bps', '10001'],
      ['--order-cut-bps', '2.5'],
    ])
      expect(() => parseServerConfig(bad, {}, '/d'), bad.join(' ')).toThrow(/order/);
  });

  test('--sandbox-merchant-key (or PLATFORM_SANDBOX_MERCHANT_KEY) for the sandbox merchant; absent → none (generated at start)', () => {
    expect(parseServerConfig(['--sandbox-merchant-key', 'flag-key-0123456789'], { PLATFORM_SANDBOX_MERCHANT_KEY: 'env-key-0123456789' }, '/d').sandboxMerchantKey).toBe('flag-key-0123456789');
    expect(parseServerConfig([], { PLATFORM_SANDBOX_MERCHANT_KEY: 'env-key-0123456789' }, '/d').sandboxMerchantKey).toBe('env-key-0123456789');
    expect(parseServerConfig([], {}, '/d').sandboxMerchantKey).toBeUndefined();
  });

  test('refuses a public address unless told, and bad values', () => {
    expect(() => parseServerConfig(['--host', '0.0.0.0'], {}, '/d')).toThrow(/allow-remote/);
    expect(parseServerConfig(['--host', '0.0.0.0', '--allow-remote'], {}, '/d').host).toBe('0.0.0.0');
    expect(() => parseServerConfig(['--port', 'eighty'], {}, '/d')).toThrow(/port/);
    expect(() => parseServerConfig(['--bogus'], {}, '/d')).toThrow(/unknown argument/);
  });

  test('live video: --live (or PLATFORM_LIVE=1) with RTMP on 1935 unless --rtmp-port says otherwise; --rtmp-port alone or out of range is refused', () => {
    expect(parseServerConfig([], {}, '/d').live).toBeUndefined();
    expect(parseServerConfig(['--live'], {}, '/d').live).toEqual({ rtmpPort: 1935 });
    expect(parseServerConfig(['--live', '--rtmp-port', '0'], {}, '/d').live).toEqual({ rtmpPort: 0 });
    expect(parseServerConfig([], { PLATFORM_LIVE: '1', PLATFORM_RTMP_PORT: '19350' }, '/d').live).toEqual({ rtmpPort: 19350 });
    expect(() => parseServerConfig(['--rtmp-port', '1936'], {}, '/d')).toThrow(/needs --live/);
    expect(() => parseServerConfig(['--live', '--rtmp-port', '70000'], {}, '/d')).toThrow(/--rtmp-port/);
  });
});
