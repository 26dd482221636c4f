// Installs what the tests need and the npm registry cannot give: Debian's Chromium (driven by
// playwright-core; never `npx playwright install`), ffmpeg/ffprobe, PostgreSQL (the platform's tests
// run on a throwaway cluster too), Redis (the event bus across platform nodes) and nginx with its RTMP
// module (the platform's live video ingest and HLS origin). Only missing ones are installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = [];
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('chromium');
if (!has('ffmpeg') || !has('ffprobe')) missing.push('ffmpeg');
const pgRoot = '/usr/lib/postgresql';
const hasPostgres = process.env.PG_BINDIR ? existsSync(`${process.env.PG_BINDIR}/initdb`) : existsSync(pgRoot) && readdirSync(pgRoot).some((v) => existsSync(`${pgRoot}/${v}/bin/initdb`));
if (!hasPostgres) missing.push('postgresql');
if (!has('redis-server')) missing.push('redis-server');
// Live video (platform/features/live-stream): nginx as a child process with the RTMP module loaded from this file.
const nginxBinary = process.env.NGINX_PATH ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null);
if (!nginxBinary || !existsSync(nginxBinary)) missing.push('nginx-light');
if (!existsSync(process.env.NGINX_RTMP_MODULE ?? '/usr/lib/nginx/modules/ngx_rtmp_module.so')) missing.push('libnginx-mod-rtmp');
// The Chinese screenshots (e2e/i18n.spec.ts): without a CJK font Chromium draws every character as a box.
if ((spawnSync('sh', ['-c', 'fc-list :lang=zh-cn family'], { encoding: 'utf8' }).stdout ?? '').trim() === '') missing.push('fonts-noto-cjk');

if (missing.length === 0) process.exit(0);

if (!has('apt-get')) {
  console.error(
    `Tests need: ${missing.join(', ')}. Install them with your package manager (on macOS: brew install ffmpeg chromium postgresql@15 redis, and an nginx built with the RTMP module), or set CHROMIUM_PATH / PG_BINDIR / NGINX_PATH / NGINX_RTMP_MODULE.`,
  );
  process.exit(1);
}
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const prefix = root ? [] : has('sudo') ? ['sudo', '-n'] : null;
if (prefix === null) {
  console.error(`Tests need: ${missing.join(', ')}. Run: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
const run = (args) => {
  console.log(`$ ${[...prefix, ...args].join(' ')}`);
  const [cmd, ...rest] = [...prefix, ...args];
  execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};
console.log(`Installing test dependencies: ${missing.join(', ')}`);
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
