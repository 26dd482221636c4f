import { z } from 'zod';
import { method, noun } from '../define';

const Tool = z.object({
  path: z.string(),
  /** The first line of `-version`, e.g. "ffmpeg version 5.1.8-0+deb12u1 Copyright …". */
  version: z.string(),
  /** major.minor read from that line; null for a build that does not say (git snapshots). */
  release: z.string().nullable(),
});

/**
 * What Settings → About/diagnostics shows. Main-side facts only: the renderer adds what only it
 * knows (GPU/renderer string, tracker mode and backend, the browser's own version).
 */
export const Diagnostics = z.object({
  app: z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'browser']) }),
  /** null where this host does not have it (no Electron or Chromium in the browser-hosted studio's main side). */
  versions: z.object({ electron: z.string().nullable(), chromium: z.string().nullable(), node: z.string(), v8: z.string() }),
  os: z.object({ platform: z.string(), arch: z.string(), release: z.string() }),
  ffmpeg: z.object({
    /** Where the ffmpeg in use came from: setting, FFMPEG_PATH, system (PATH), bundled. */
    source: z.string().nullable(),
    ffmpeg: Tool.nullable(),
    ffprobe: Tool.nullable(),
    /** A sentence to show when the ffmpeg in use is missing or old (the npm build is from 2018). */
    warning: z.string().nullable(),
  }),
  dataDir: z.string(),
  platform: z.object({ url: z.string().nullable(), embedded: z.boolean() }),
});
export type Diagnostics = z.output<typeof Diagnostics>;

export const diagnostics = noun({
  methods: {
    get: method(z.undefined(), Diagnostics),
  },
});
