import { expect, test } from 'vitest';
import { renderNginxConfig, type NginxConfigInput } from './nginx-config';

const input: NginxConfigInput = {
  prefix: '/data/live',
  rtmpModule: '/usr/lib/nginx/modules/ngx_rtmp_module.so',
  workerUser: null,
  rtmpHost: '127.0.0.1',
  rtmpPort: 1935,
  controlPort: 41000,
  app: 'live',
  hlsDir: '/data/live/hls',
  hookOrigin: 'http://127.0.0.1:4310',
  hookSecret: 'abc123',
  publishPath: '/internal/live/publish',
  publishDonePath: '/internal/live/publish-done',
  fragmentMs: 1000,
  playlistMs: 4000,
};

test('the config carries the ports, the callbacks with the secret, short HLS fragments with cleanup, and the control API on loopback', () => {
  const conf = renderNginxConfig(input);
  expect(conf).toContain('load_module "/usr/lib/nginx/modules/ngx_rtmp_module.so";');
  expect(conf).toContain('hls_path "/data/live/hls";');
  expect(conf).toContain('daemon off;');
  expect(conf).toContain('listen 127.0.0.1:1935;');
  expect(conf).toContain('on_publish http://127.0.0.1:4310/internal/live/publish?secret=abc123;');
  expect(conf).toContain('on_publish_done http://127.0.0.1:4310/internal/live/publish-done?secret=abc123;');
  expect(conf).toMatch(/hls_fragment 1000ms;\s+hls_playlist_length 4000ms;\s+hls_cleanup on;/);
  expect(conf).toContain('listen 127.0.0.1:41000;');
  expect(conf).not.toContain('user ');
  expect(renderNginxConfig({ ...input, workerUser: 'root', rtmpModule: null })).toMatch(/^user root;\ndaemon off;/m);
  expect(renderNginxConfig({ ...input, rtmpModule: null })).not.toContain('load_module');
});

test('a data dir with spaces (~/.config/Anchor Studio) is quoted', () => {
  const conf = renderNginxConfig({ ...input, prefix: '/home/a/.config/Anchor Studio/live', hlsDir: '/home/a/.config/Anchor Studio/live/hls' });
  expect(conf).toContain('pid "/home/a/.config/Anchor Studio/live/nginx.pid";');
  expect(conf).toContain('hls_path "/home/a/.config/Anchor Studio/live/hls";');
});

test('values that could break out of the config, odd ports and fragment lengths are refused', () => {
  expect(() => renderNginxConfig({ ...input, hlsDir: '/data/live/hls; include /etc/passwd' })).toThrow(/hlsDir/);
  expect(() => renderNginxConfig({ ...input, hlsDir: '/data/live/hls" ; x "' })).toThrow(/hlsDir/);
  expect(() => renderNginxConfig({ ...input, prefix: '/data/$live' })).toThrow(/prefix/);
  expect(() => renderNginxConfig({ ...input, prefix: 'relative/dir' })).toThrow(/prefix/);
  expect(() => renderNginxConfig({ ...input, hookSecret: 'a b' })).toThrow(/hookSecret/);
  expect(() => renderNginxConfig({ ...input, hookOrigin: 'http://example.com:80' })).toThrow(/hookOrigin/);
  expect(() => renderNginxConfig({ ...input, rtmpPort: 0 })).toThrow(/rtmpPort/);
  expect(() => renderNginxConfig({ ...input, fragmentMs: 100 })).toThrow(/fragment/);
  expect(() => renderNginxConfig({ ...input, playlistMs: 1500 })).toThrow(/playlist/);
});
