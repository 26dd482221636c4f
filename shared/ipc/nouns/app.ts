import { z } from 'zod';
import { NoticeId } from '../../domain/ids';
import { event, method, noun } from '../define';

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
