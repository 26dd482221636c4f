/** What the platform's nginx config is made from (all paths absolute). */
export interface NginxConfigInput {
  /** nginx's prefix: holds the config, pid file, logs and temp folders. */
  readonly prefix: string;
  /** The RTMP module's shared object; null when the nginx binary has it built in. */
  readonly rtmpModule: string | null;
  /**
   * The workers' user when the platform runs as root (nginx would otherwise switch them to `nobody`,
   * who cannot write into the platform's private data dir): the platform's own user; null otherwise.
   */
  readonly workerUser: string | null;
  /** RTMP ingest, on `rtmpHost` (127.0.0.1 unless the platform serves beyond this machine). */
  readonly rtmpHost: string;
  readonly rtmpPort: number;
  /** A loopback HTTP port for nginx-rtmp's control API (dropping a publisher). */
  readonly controlPort: number;
  readonly app: string;
  readonly hlsDir: string;
  /** The platform's loopback origin for the publish callbacks, e.g. `http://127.0.0.1:4310`. */
  readonly hookOrigin: string;
  readonly hookSecret: string;
  readonly publishPath: string;
  readonly publishDonePath: string;
  /** HLS fragment length: nginx cuts at the first keyframe after it, so the encoder's keyframe interval must not exceed it. */
  readonly fragmentMs: number;
  /** How much the playlist lists; older fragments are deleted (`hls_cleanup`). */
  readonly playlistMs: number;
}

/** An absolute path, written double-quoted (data dirs such as `~/.config/Anchor Studio` have spaces); quotes, backslashes, `$`, `;`, braces and control characters are refused. */
const SAFE_PATH = /^\/[^"\\$;{}\p{Cc}]*$/u;
const quoted = (name: string, value: string): string => `"${checked(name, value, SAFE_PATH)}"`;
const SAFE_TOKEN = /^[A-Za-z0-9_-]+$/;

/** A path or token that would break out of the config (spaces, `;`, quotes, braces) is refused rather than escaped. */
function checked(name: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new Error(`live: ${name} cannot go into nginx's config: ${JSON.stringify(value)}`);
  return value;
}

/**
 * nginx's whole config for the platform: RTMP ingest with the publish callbacks, HLS into `hlsDir`
 * (one folder per stream name, short fragments, old ones deleted), and the control API on loopback.
 * nginx runs in the foreground (`daemon off`) as the platform's child, with one worker (nginx-rtmp's
 * live streams live in one worker's memory).
 */
export function renderNginxConfig(input: Readonly<NginxConfigInput>): string {
  const prefix = checked('prefix', input.prefix, SAFE_PATH);
  const hlsDir = quoted('hlsDir', input.hlsDir);
  const file = (name: string): string => quoted('prefix', `${prefix}/${name}`);
  const app = checked('app', input.app, SAFE_TOKEN);
  const secret = checked('hookSecret', input.hookSecret, SAFE_TOKEN);
  const origin = checked('hookOrigin', input.hookOrigin, /^http:\/\/(127\.0\.0\.1|\[::1\]):[0-9]{1,5}$/);
  const host = checked('rtmpHost', input.rtmpHost, /^[0-9a-fA-F.:[\]]+$/);
  for (const [name, port] of [
    ['rtmpPort', input.rtmpPort],
    ['controlPort', input.controlPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`live: ${name} must be 1..65535, not ${port}`);
  }
  if (!(input.fragmentMs >= 200 && input.fragmentMs <= 10_000)) throw new Error(`live: the HLS fragment must be 200..10000 ms, not ${input.fragmentMs}`);
  if (!(input.playlistMs >= 2 * input.fragmentMs && input.playlistMs <= 60_000)) throw new Error(`live: the HLS playlist must hold at least two fragments (≤ 60 s), not ${input.playlistMs} ms`);
  const hook = (path: string): string => `${origin}${checked('hook path', path, /^\/[a-z/-]+$/)}?secret=${secret}`;
  return `# Written by the platform at start (platform/features/live-stream/nginx-config.ts); edits are lost.
${input.rtmpModule ? `load_module ${quoted('rtmpModule', input.rtmpModule)};\n` : ''}${input.workerUser ? `user ${checked('workerUser', input.workerUser, SAFE_TOKEN)};\n` : ''}daemon off;
master_process on;
worker_processes 1;
pid ${file('nginx.pid')};
error_log ${file('logs/error.log')} warn;

events {
  worker_connections 1024;
}

rtmp {
  server {
    listen ${host}:${input.rtmpPort};
    chunk_size 4096;
    # An encoder that stops sending (a dead network) is dropped, which ends the stream.
    drop_idle_publisher 10s;

    application ${app} {
      live on;
      record off;
      allow play 127.0.0.1;
      deny play all;
      on_publish ${hook(input.publishPath)};
      on_publish_done ${hook(input.publishDonePath)};

      hls on;
      hls_path ${hlsDir};
      hls_nested on;
      hls_fragment ${input.fragmentMs}ms;
      hls_playlist_length ${input.playlistMs}ms;
      hls_cleanup on;
    }
  }
}

http {
  access_log off;
  client_body_temp_path ${file('temp/client')};
  proxy_temp_path ${file('temp/proxy')};
  fastcgi_temp_path ${file('temp/fastcgi')};
  uwsgi_temp_path ${file('temp/uwsgi')};
  scgi_temp_path ${file('temp/scgi')};

  server {
    listen 127.0.0.1:${input.controlPort};
    location /control {
      rtmp_control all;
    }
    location / {
      return 404;
    }
  }
}
`;
}
