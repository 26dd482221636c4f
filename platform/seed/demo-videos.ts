import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { AuthResponse, Video, type AnchorInput } from '@shared/protocol/index';
import type { DemoViewer } from './seed';

const run = promisify(execFile);

/** The account the demo videos are posted as; its password is public on purpose, like the demo viewers'. */
export const DEMO_CREATOR: DemoViewer = { handle: 'demo_creator', displayName: 'Mia (demo creator)', password: 'demo-creator-pass' };

const FACES_DIR = path.resolve(import.meta.dirname, 'faces');
const WIDTH = 540;
const HEIGHT = 960;
const DURATION_S = 4;

type Source = { readonly face: string } | { readonly gradient: readonly [string, string] };

export interface DemoVideoSpec {
  /** Stable: the idempotency key and the marker file use it. */
  readonly key: string;
  readonly title: string;
  readonly topic: string;
  readonly source: Source;
  readonly anchors: readonly AnchorInput[];
}

const whole = { startMs: 0, endMs: DURATION_S * 1000 } as const;

/**
 * Three portrait clips (540×960, 4 s): two faces (public domain, `faces/`) with the target anchor
 * beside the lips, and one made of generated frames. Positions are fractions of the frame: the faces
 * are scaled to 540 px wide and centred, so Grace Hopper's lips sit near (0.52, 0.48) and the
 * astronaut's near (0.44, 0.38).
 */
export const DEMO_VIDEOS: readonly DemoVideoSpec[] = [
  {
    key: 'classic-red',
    title: 'A classic red, the timeless way',
    topic: 'makeup',
    source: { face: 'grace-hopper.jpg' },
    anchors: [
      { kind: 'tryon', role: 'target', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', label: 'Velvet Rouge · Classic Red', x: 0.66, y: 0.48, ...whole, placement: 'near-item' },
      { kind: 'tryon', role: 'associated', itemId: 'round-frames', attributeId: 'tortoise', label: 'Round Frames · Tortoise', x: 0.3, y: 0.36, ...whole, placement: 'near-item' },
      { kind: 'tryon', role: 'associated', itemId: 'classic-fedora', attributeId: 'camel', label: 'Classic Fedora · Camel', x: 0.5, y: 0.18, ...whole, placement: 'background' },
    ],
  },
  {
    key: 'space-gloss',
    title: 'Gloss for a space walk',
    topic: 'makeup',
    source: { face: 'astronaut.jpg' },
    anchors: [
      { kind: 'tryon', role: 'target', itemId: 'glass-gloss-lip', attributeId: 'pink-glaze', label: 'Glass Gloss · Pink Glaze', x: 0.62, y: 0.4, ...whole, placement: 'near-item' },
      { kind: 'tryon', role: 'associated', itemId: 'sunset-lids-eyeshadow', attributeId: 'champagne', label: 'Sunset Lids · Champagne', x: 0.25, y: 0.3, ...whole, placement: 'near-item' },
      { kind: 'tryon', role: 'associated', itemId: 'knit-beanie', attributeId: 'red', label: 'Knit Beanie · Red', x: 0.45, y: 0.16, ...whole, placement: 'background' },
    ],
  },
  {
    key: 'berry-swatches',
    title: 'Berry shades, swatched',
    topic: 'swatches',
    source: { gradient: ['0x5b1036', '0xe8a0b4'] },
    anchors: [
      { kind: 'tryon', role: 'target', itemId: 'satin-stick', attributeId: 'deep-plum', label: 'Satin Stick · Deep Plum', x: 0.5, y: 0.5, ...whole, placement: 'manual' },
      { kind: 'tryon', role: 'associated', itemId: 'cheek-glow-blush', attributeId: 'berry-flush', label: 'Cheek Glow · Berry Flush', x: 0.3, y: 0.72, ...whole, placement: 'manual' },
      { kind: 'tryon', role: 'associated', itemId: 'velvet-rouge-lipstick', attributeId: 'berry', label: 'Velvet Rouge · Berry', x: 0.7, y: 0.28, ...whole, placement: 'manual' },
    ],
  },
];

/** ffmpeg arguments for one clip: H.264 yuv420p, faststart, no audio; fast to make (ultrafast, 24 fps). */
export function clipArguments(source: Source, out: string): string[] {
  const input =
    'face' in source
      ? ['-loop', '1', '-framerate', '24', '-i', path.join(FACES_DIR, source.face)]
      : ['-f', 'lavfi', '-i', `gradients=s=${WIDTH / 4}x${HEIGHT / 4}:c0=${source.gradient[0]}:c1=${source.gradient[1]}:speed=0.02:rate=24`];
  // Gradients are drawn at a quarter size and scaled up: a third of the CPU, and they are smooth anyway.
  const filter = 'face' in source ? `scale=${WIDTH}:-2,pad=${WIDTH}:${HEIGHT}:(ow-iw)/2:(oh-ih)/2:color=0x1d1b26,format=yuv420p` : `scale=${WIDTH}:${HEIGHT}:flags=bilinear,format=yuv420p`;
  return ['-v', 'error', '-y', ...input, '-t', String(DURATION_S), '-vf', filter, '-r', '24', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-movflags', '+faststart', out];
}

export interface DemoVideosOptions {
  readonly dataDir: string;
  /** ffmpeg's path; null → the demo videos are skipped (and `warn` says so). */
  readonly ffmpeg: string | null;
  readonly warn?: (message: string) => void;
  /** Aborted when the platform closes: a running ffmpeg is killed and nothing more is posted. */
  readonly signal?: AbortSignal;
  /** Where encoded clips are kept for every later data dir on this machine (default ~/.cache/anchor-studio/demo-videos). */
  readonly cacheDir?: string;
  readonly specs?: readonly DemoVideoSpec[];
}

export interface DemoVideosResult {
  /** Video ids by spec key. */
  readonly videos: Readonly<Record<string, string>>;
  /** How many were made and posted this time (0 on every start after the first). */
  readonly made: number;
}

const MARKER = 'demo-videos.json';

export const DEFAULT_DEMO_CACHE = path.join(os.homedir(), '.cache', 'anchor-studio', 'demo-videos');

/**
 * Posts the demo videos through the platform's own API (tus upload + POST /videos, so they are
 * probed, covered and announced like any post), once per data dir: `demo-videos.json` records
 * their ids, and a later start only checks that they still exist. The clips themselves are encoded
 * once per machine (kept in `cacheDir`, named by a hash of the ffmpeg arguments and the source), so
 * a new data dir only uploads them.
 */
export async function seedDemoVideos(app: FastifyInstance, options: DemoVideosOptions): Promise<DemoVideosResult> {
  const warn = options.warn ?? (() => undefined);
  const specs = options.specs ?? DEMO_VIDEOS;
  const markerFile = path.join(options.dataDir, MARKER);
  const known = await readMarker(markerFile);
  const videos: Record<string, string> = {};
  const missing: DemoVideoSpec[] = [];
  for (const spec of specs) {
    const id = known[spec.key];
    const found = id ? await app.inject({ method: 'GET', url: `/api/v1/videos/${id}` }) : null;
    if (id && found?.statusCode === 200) videos[spec.key] = id;
    else missing.push(spec);
  }
  if (missing.length === 0) return { videos, made: 0 };
  if (!options.ffmpeg) {
    warn('ffmpeg not found: the demo videos are not made (set FFMPEG_PATH)');
    return { videos, made: 0 };
  }
  const token = await signIn(app);
  let made = 0;
  for (const spec of missing) {
    if (options.signal?.aborted) break;
    const file = await encodedClip(options.ffmpeg, spec, options.cacheDir ?? DEFAULT_DEMO_CACHE, options.signal);
    if (options.signal?.aborted) break;
    const video = await post(app, token, spec, await readFile(file));
    if (!video) continue;
    videos[spec.key] = video.id;
    made++;
    await writeFile(markerFile, JSON.stringify(videos, null, 2));
  }
  return { videos, made };
}

/** The clip for a spec from the cache, encoded (to a temp name, then renamed) when absent. */
async function encodedClip(ffmpeg: string, spec: DemoVideoSpec, cacheDir: string, signal: AbortSignal | undefined): Promise<string> {
  const source = 'face' in spec.source ? await readFile(path.join(FACES_DIR, spec.source.face)) : Buffer.alloc(0);
  const hash = createHash('sha256')
    .update(JSON.stringify(clipArguments(spec.source, 'out.mp4')))
    .update(source)
    .digest('hex')
    .slice(0, 16);
  const file = path.join(cacheDir, `${spec.key}-${hash}.mp4`);
  if ((await stat(file).catch(() => null))?.isFile()) return file;
  await mkdir(cacheDir, { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.part.mp4`;
  try {
    await run(ffmpeg, clipArguments(spec.source, temp), { timeout: 60_000, signal });
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
  return file;
}

async function readMarker(file: string): Promise<Record<string, string>> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof json !== 'object' || json === null) return {};
    return Object.fromEntries(Object.entries(json).filter((e): e is [string, string] => typeof e[1] === 'string' && /^vid_[0-9a-z]{10,40}$/.test(e[1])));
  } catch {
    return {};
  }
}

async function signIn(app: FastifyInstance): Promise<string> {
  const credentials = { handle: DEMO_CREATOR.handle, password: DEMO_CREATOR.password };
  // Register first: on a first start that is all it takes, and no failed sign-in is logged.
  let res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...credentials, displayName: DEMO_CREATOR.displayName } });
  if (res.statusCode === 409) res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: credentials });
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`the demo creator could not sign in: ${res.statusCode} ${res.body}`);
  return AuthResponse.parse(res.json()).token;
}

/** tus create + one PATCH, then POST /videos; null when this key was posted before (the marker was lost). */
async function post(app: FastifyInstance, token: string, spec: DemoVideoSpec, bytes: Buffer): Promise<Video | null> {
  const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...auth, 'upload-length': String(bytes.length), 'upload-metadata': `filename ${Buffer.from(`${spec.key}.mp4`).toString('base64')}` },
  });
  if (created.statusCode !== 201) throw new Error(`demo upload ${spec.key}: ${created.statusCode} ${created.body}`);
  const location = String(created.headers.location);
  const patched = await app.inject({ method: 'PATCH', url: location, headers: { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, payload: bytes });
  if (patched.statusCode !== 204) throw new Error(`demo upload ${spec.key}: ${patched.statusCode} ${patched.body}`);
  const uploadId = location.split('/').at(-1)!;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/videos',
    headers: { authorization: `Bearer ${token}` },
    payload: { uploadId, title: spec.title, topic: spec.topic, visibility: 'public', anchors: spec.anchors, idempotencyKey: `demo-${spec.key}-v1` },
  });
  if (res.statusCode === 409) {
    await app.inject({ method: 'DELETE', url: location, headers: auth });
    return null;
  }
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`demo video ${spec.key}: ${res.statusCode} ${res.body}`);
  return Video.parse(res.json());
}
