import { z } from 'zod';
import { DraftId, NoticeId } from '../../domain/ids';
import { event, method, noun } from '../define';

/**
 * The sentences main tells users, each a key of the renderer's string tables (`notices.<key>`), so
 * they follow the chosen language; the i18n test checks both languages have every one.
 */
export const NOTICE_KEYS = ['dbMovedAside', 'dbReadOnly', 'takesRecovered', 'platformSignedOut'] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

export const NoticeText = z.object({
  key: z.enum(NOTICE_KEYS),
  /** The sentence's placeholders (`count` chooses the plural form). */
  values: z.record(z.string().max(40), z.union([z.string().max(2000), z.number()])),
});
export type NoticeText = z.output<typeof NoticeText>;

/** A take repaired at start: listed in the notice with "Open in Drafts". */
export const RecoveredTake = z.object({ draftId: DraftId, title: z.string(), createdAt: z.number().int(), durationMs: z.number().int().nonnegative().nullable() });
export type RecoveredTake = z.output<typeof RecoveredTake>;

export const Notice = z.object({
  id: NoticeId,
  level: z.enum(['info', 'warning', 'error']),
  /** The English sentence (logs, and a renderer that does not know `text.key`). */
  message: z.string(),
  text: NoticeText.optional(),
  /** The takes a `takesRecovered` notice is about. */
  takes: z.array(RecoveredTake).max(200).optional(),
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

export const app = noun({
  methods: {
    info: method(z.undefined(), AppInfo),
    notices: method(z.undefined(), z.array(Notice)),
    dismissNotice: method(z.object({ id: NoticeId }), z.null()),
  },
  events: {
    notice: event(Notice),
    /** A deep link (`anchorstudio://anchor/<id>`) reached the app: the renderer routes to it. */
    openLink: event(z.object({ path: z.string().max(2000) })),
  },
});
