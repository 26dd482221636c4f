/*
 * Added for issue 12 (renderer side, use these):
 * - `diagnostics.get` → Diagnostics (nouns/diagnostics.ts): app/electron/node/chromium versions where
 *   main knows them, ffmpeg + ffprobe path and version, a warning for a missing or old ffmpeg, data
 *   dir, platform URL. The renderer adds GPU/renderer and tracker mode itself.
 * - settings keys (nouns/settings.ts): `language` ('system' | 'en' | 'zh-CN', default 'system'),
 *   `hotkeys` ({ recordStop, pause, photo }: "Alt+R" style or null; default Alt+R / Alt+P / Alt+T;
 *   parse a KeyboardEvent with hotkeyOf/actionOf in shared/domain/recording/hotkeys.ts),
 *   `exportMirrored` (boolean, default false). All validated main-side by settings.set.
 */
import { z } from 'zod';
import { method } from './define';
import { Draft, DraftTitle } from '../domain/drafts';
import { DraftId, ImportId, NoticeId } from '../domain/ids';
import { AttributeId, CatalogItem, CatalogItemId } from '../catalog/schema';
import { ExportJob, ExportJobId, RecordingChunk, RecordingEvent, RecordingStart, StillVideoRequest, TakeId } from './media-schemas';
import { diagnostics } from './nouns/diagnostics';
import { settings } from './nouns/settings';
import { platformContract, platformEvents } from './platform-schemas';

/** Largest chunk one `imports.chunk` call may carry. */
export const IMPORT_CHUNK_MAX = 1024 * 1024;
/** Chunks a client may send before the first is acknowledged; the host applies them in order. */
export const IMPORT_WINDOW = 4;
/** Largest photo `drafts.savePhoto` accepts (a 4K PNG is ~25 MiB). */
export const PHOTO_SIZE_MAX = 32 * 1024 * 1024;
/** Largest file the studio imports (4 GiB). */
export const IMPORT_SIZE_MAX = 4 * 1024 * 1024 * 1024;

export const Notice = z.object({
  id: NoticeId,
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.number().int(),
});
export type Notice = z.output<typeof Notice>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  ffmpeg: z.object({ available: z.boolean(), path: z.string().nullable(), source: z.string().nullable() }),
  /** The platform the studio posts to: the embedded one on loopback unless a remote is configured. */
  platform: z.object({ url: z.string().nullable(), embedded: z.boolean() }),
});
export type AppInfo = z.output<typeof AppInfo>;

const none = z.undefined();

/**
 * The one IPC contract: every request the renderer may make, grouped by noun.
 * Both transports (Electron IPC and the browser-hosted studio's WebSocket) serve exactly this.
 */
export const contract = {
  app: {
    info: method(none, AppInfo),
    notices: method(none, z.array(Notice)),
    dismissNotice: method(z.object({ id: NoticeId }), z.null()),
  },
  drafts: {
    list: method(none, z.array(Draft)),
    get: method(z.object({ id: DraftId }), Draft),
    rename: method(z.object({ id: DraftId, title: DraftTitle }), Draft),
    remove: method(z.object({ id: DraftId }), z.null()),
    /** Electron only: the native file dialog; null when the user cancels. */
    importViaDialog: method(none, Draft.nullable()),
    /** A photo taken in the Studio (PNG or JPEG of the composited frame) with the look it shows. */
    savePhoto: method(
      z.object({
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= PHOTO_SIZE_MAX, 'a photo is 1 byte to 32 MiB'),
        title: DraftTitle,
        itemId: CatalogItemId.nullable(),
        attributeId: AttributeId.nullable(),
      }),
      Draft,
    ),
  },
  imports: {
    begin: method(
      z.object({
        fileName: z.string().min(1).max(255),
        size: z.number().int().positive('The file is empty').max(IMPORT_SIZE_MAX, 'The file is larger than 4 GiB'),
      }),
      z.object({ importId: ImportId }),
    ),
    chunk: method(
      z.object({ importId: ImportId, offset: z.number().int().nonnegative(), bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= IMPORT_CHUNK_MAX, 'chunk must be 1 byte to 1 MiB') }),
      z.object({ received: z.number().int().nonnegative() }),
    ),
    finish: method(z.object({ importId: ImportId }), Draft),
    cancel: method(z.object({ importId: ImportId }), z.null()),
  },
  /** The try-on catalog (lipsticks, eyeshadow, blush, hats, glasses), loaded into SQLite from resources/catalog. */
  catalog: {
    list: method(none, z.array(CatalogItem)),
    get: method(z.object({ id: CatalogItemId }), CatalogItem),
  },
  /** Crash-safe takes from the shooting page: each becomes a video draft (status `recording` until finished). */
  recordings: {
    start: method(RecordingStart, z.object({ takeId: TakeId, draftId: DraftId })),
    /** Chunk `seq` (0, 1, 2 … in MediaRecorder's order); a repeated seq is acknowledged without writing twice. */
    chunk: method(RecordingChunk, z.object({ bytes: z.number().int().nonnegative() })),
    /** Attribute switches, filters, face samples, pause/resume markers for the take's journal. */
    event: method(z.object({ takeId: TakeId, event: RecordingEvent }), z.null()),
    finish: method(z.object({ takeId: TakeId, mediaMs: z.number().int().nonnegative() }), Draft),
    /** Drops the take and its draft (e.g. the countdown was cancelled after the recorder started). */
    abort: method(z.object({ takeId: TakeId }), z.null()),
    /** A look on a still photo: the composited frame becomes a video of `seconds`, exported at once. */
    still: method(StillVideoRequest, z.object({ draft: Draft, jobId: ExportJobId })),
  },
  /** Export to the platform MP4 (one at a time; others wait in a queue). */
  media: {
    export: method(z.object({ draftId: DraftId }), z.object({ jobId: ExportJobId })),
    cancel: method(z.object({ jobId: ExportJobId }), z.null()),
    queue: method(none, z.array(ExportJob)),
  },
  settings: settings.methods,
  /** Settings → About/diagnostics: versions, ffmpeg and ffprobe in use, data dir, platform. */
  diagnostics: diagnostics.methods,
  /** account, sync, discover, anchors (platform-schemas.ts). */
  ...platformContract,
} as const;

export type StudioContract = typeof contract;

/** Pushed events, main → renderer. */
export const events = {
  'drafts.changed': z.object({ draftId: DraftId.nullable(), change: z.enum(['created', 'updated', 'removed']) }),
  'app.notice': Notice,
  /** A deep link (`anchorstudio://anchor/<id>`) reached the app: the renderer routes to it. */
  'app.openLink': z.object({ path: z.string().max(2000) }),
  /** An export waits, runs or finishes (about twice a second); the draft's status follows through `drafts.changed`. */
  'media.exportProgress': ExportJob,
  /** A take stopped by itself: the disk refused a write. What was written is kept. */
  'recordings.failed': z.object({ takeId: TakeId, message: z.string() }),
  /** sync.job, account.changed (platform-schemas.ts). */
  ...platformEvents,
} as const;

export type StudioEvents = typeof events;
