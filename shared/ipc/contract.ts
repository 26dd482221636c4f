/*
 * Added for issue 12 (renderer side, use these):
 * - `diagnostics.get` → Diagnostics (nouns/diagnostics.ts): app/electron/node/chromium versions where
 *   main knows them, ffmpeg + ffprobe path and version, a warning for a missing or old ffmpeg, data
 *   dir, platform URL. The renderer adds GPU/renderer and tracker mode itself.
 * - settings keys (nouns/settings.ts): `language` ('system' | 'en' | 'zh-CN', default 'system'),
 *   `hotkeys` ({ recordStop, pause, photo }: "Alt+R" style or null; default Alt+R / Alt+P / Alt+T;
 *   parse a KeyboardEvent with hotkeyOf/actionOf in shared/domain/recording/hotkeys.ts),
 *   `exportMirrored` (boolean, default false). All validated main-side by settings.set.
 * - events take a subscription argument: `on('media.exportProgress', listener, { draftId })` hears
 *   one draft's progress (see each noun's `eventFor`); without one, every event of that name.
 */
import { eventSpecsOf, methodsOf, payloadsOf } from './define';
import { account } from './nouns/account';
import { app } from './nouns/app';
import { catalog } from './nouns/catalog';
import { diagnostics } from './nouns/diagnostics';
import { anchors, discover } from './nouns/discover';
import { drafts } from './nouns/drafts';
import { imports } from './nouns/imports';
import { live } from './nouns/live';
import { lookPresets } from './nouns/look-presets';
import { media } from './nouns/media';
import { messages } from './nouns/messages';
import { orders } from './nouns/orders';
import { recordings } from './nouns/recordings';
import { settings } from './nouns/settings';
import { stream } from './nouns/live-stream';
import { sync } from './nouns/sync';

/**
 * The one IPC contract, assembled from one file per noun (nouns/<noun>.ts), each declaring its
 * methods and the events it pushes. Channel names (`drafts.list`) and event names
 * (`drafts.changed`) are derived from the keys. Both transports (Electron IPC and the
 * browser-hosted studio's WebSocket) serve exactly this.
 */
export const nouns = { app, diagnostics, drafts, imports, catalog, recordings, media, settings, account, sync, discover, anchors, messages, live, orders, stream, lookPresets } as const;

export const contract = methodsOf(nouns);
export type StudioContract = typeof contract;

/** Every pushed event (main → renderer) with its payload, subscription argument and filter. */
export const eventSpecs = eventSpecsOf(nouns);
export type StudioEventSpecs = typeof eventSpecs;

/** Event name → payload schema. */
export const events = payloadsOf(eventSpecs);
export type StudioEvents = typeof events;

// The schemas pages import by name, re-exported from the noun that owns each.
export { AppInfo, Notice } from './nouns/app';
export { IMPORT_CHUNK_MAX, IMPORT_SIZE_MAX, IMPORT_WINDOW } from './nouns/imports';
export { PHOTO_SIZE_MAX } from './nouns/drafts';
