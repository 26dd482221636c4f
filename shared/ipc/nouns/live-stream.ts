import { z } from 'zod';
import { RoomId } from '../../protocol/rooms';
import { event, method, noun } from '../define';

/**
 * Going live with video (issue 15, studio side): the Live page's MediaRecorder sends WebM slices of
 * the try-on canvas (and the microphone) to main, which fans them out to one ffmpeg per enabled
 * destination (the platform room and custom RTMP/RTMPS/SRT services). Keys stay main-side: a custom
 * key is stored encrypted and only its last 4 characters come back; the room's key is fetched from
 * the platform when going live and shown only on request.
 */

/** A live slice is 250 ms of WebM: tens of KiB; 2 MiB leaves room and stays under the socket's frame limit. */
export const STREAM_CHUNK_MAX = 2 * 1024 * 1024;

export const StreamOrientation = z.enum(['landscape', 'portrait']);
export type StreamOrientation = z.output<typeof StreamOrientation>;

/** The presets: x264 CBR at 30 fps. */
export const StreamPreset = z.enum(['720p30', '1080p30']);
export type StreamPreset = z.output<typeof StreamPreset>;
export const PRESET_KBPS: Readonly<Record<StreamPreset, number>> = { '720p30': 2500, '1080p30': 4500 };
export const MIN_VIDEO_KBPS = 500;
export const MAX_VIDEO_KBPS = 8000;

export const DestinationId = z
  .string()
  .regex(/^(platform|dst_[0-9a-z]{8,32})$/, 'not a destination id')
  .brand<'DestinationId'>();
export type DestinationId = z.output<typeof DestinationId>;
export const PLATFORM_DESTINATION = 'platform' as DestinationId;

const URL_MAX = 500;
/** Why a destination field was refused beyond its plain rule, so the form can say it in the user's language. */
export type DestinationIssue = 'srtPort' | 'streamIdTwice' | 'streamIdBad' | 'srtPassphrase';

/** SRT has no default port: `srt://host:port`, then optional parameters (`?latency=…`). */
const SRT_ADDRESS = /^srt:\/\/[^\s/?#:]+:\d{1,5}(?:[/?]|$)/i;

/** A service URL: rtmp://, rtmps:// or srt://host:port; no spaces. The key goes in the key field (an SRT streamid may come in the URL, see DestinationInput). */
export const DestinationUrl = z
  .string()
  .trim()
  .min(1, 'Enter the server URL')
  .max(URL_MAX, `A server URL is at most ${URL_MAX} characters`)
  .refine((u) => /^(rtmps?|srt):\/\/[^\s/?#]+/i.test(u) && !/\s/.test(u), 'Use an rtmp://, rtmps:// or srt:// address, such as rtmp://live.example.com/app')
  .refine((u) => !/^srt:/i.test(u) || SRT_ADDRESS.test(u), { message: 'An SRT address needs its port, such as srt://live.example.com:9000', params: { reason: 'srtPort' satisfies DestinationIssue } })
  // The URL is stored and shown in clear (only the key is encrypted): a secret never goes in it.
  .refine((u) => !/[?&]passphrase=/i.test(u), {
    message: 'An SRT passphrase would be kept in the address in clear: encrypted SRT is not supported yet',
    params: { reason: 'srtPassphrase' satisfies DestinationIssue },
  });

/** Stream keys of the big services are 16–80 characters; 4 is the least that still has a last-4 to show. */
export const StreamKeyText = z
  .string()
  .trim()
  .min(4, 'A stream key is at least 4 characters')
  .max(200, 'A stream key is at most 200 characters')
  .refine((k) => /^[\x21-\x7e]+$/.test(k), 'A stream key has no spaces or special characters');

/**
 * The `streamid` an SRT address carries (`srt://host:port?streamid=…`, as services hand it out),
 * decoded; null when there is none or the URL is not SRT, undefined when it cannot be decoded.
 */
export function srtStreamId(url: string): string | null | undefined {
  if (!/^srt:/i.test(url)) return null;
  const query = url.split('?')[1];
  const param = query?.split('&').find((p) => /^streamid=/i.test(p));
  if (param === undefined) return null;
  try {
    return decodeURIComponent(param.slice('streamid='.length));
  } catch {
    return undefined;
  }
}

/** The SRT address without its `streamid` (the stream id is kept as the key: encrypted, never shown). */
export function withoutStreamId(url: string): string {
  const [base, query] = url.split('?');
  const rest = (query ?? '').split('&').filter((p) => p && !/^streamid=/i.test(p));
  return rest.length > 0 ? `${base}?${rest.join('&')}` : base!;
}

/**
 * A custom destination as the form sends it. An SRT address may carry its stream id
 * (`srt://host:port?streamid=…`): it is then taken out of the URL and kept as the key (stored
 * encrypted like any key, sent back as `streamid` when streaming), so the key field stays empty.
 */
export const DestinationInput = z
  .object({
    /** Absent: a new destination. */
    id: DestinationId.optional(),
    name: z.string().trim().min(1, 'Give the destination a name').max(60, 'A name is at most 60 characters'),
    url: DestinationUrl,
    /** Required for a new destination (unless an SRT address carries its stream id); absent on edit keeps the stored key. */
    key: StreamKeyText.optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    const streamId = srtStreamId(d.url);
    if (streamId === null) return;
    if (d.key !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message: 'The SRT address carries its stream id already: leave the stream key empty',
        params: { reason: 'streamIdTwice' satisfies DestinationIssue },
      });
    else if (streamId === undefined || !StreamKeyText.safeParse(streamId).success)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'The streamid in the SRT address must be 4 to 200 characters without spaces',
        params: { reason: 'streamIdBad' satisfies DestinationIssue },
      });
  })
  .transform((d) => {
    const streamId = srtStreamId(d.url);
    return streamId ? { ...d, url: withoutStreamId(d.url), key: streamId } : d;
  });
export type DestinationInput = z.input<typeof DestinationInput>;

/** A destination as the renderer sees it: never the key, only its last 4 characters. */
export const DestinationView = z.object({
  id: DestinationId,
  kind: z.enum(['platform', 'custom']),
  name: z.string(),
  /** The server URL (custom) or the platform's RTMP URL once known, else ''. */
  url: z.string(),
  keyLast4: z.string().nullable(),
  enabled: z.boolean(),
});
export type DestinationView = z.output<typeof DestinationView>;

export const StreamOutput = z.object({
  orientation: StreamOrientation,
  preset: StreamPreset,
  /** Video bitrate; the preset's by default. */
  videoKbps: z.number().int().min(MIN_VIDEO_KBPS).max(MAX_VIDEO_KBPS),
});
export type StreamOutput = z.output<typeof StreamOutput>;

export const StreamStart = z.object({
  /** The MediaRecorder's type: WebM only (what ffmpeg reads from the pipe). */
  mimeType: z
    .string()
    .max(100)
    .refine((m) => m.startsWith('video/webm') || m.startsWith('video/x-matroska'), 'The live capture must be WebM'),
  hasAudio: z.boolean(),
  /** The open room: its platform destination goes live too when it is on. */
  roomId: RoomId.nullable(),
  output: StreamOutput,
});
export type StreamStart = z.input<typeof StreamStart>;

export const StreamId = z
  .string()
  .regex(/^str_[0-9a-z]{8,32}$/)
  .brand<'StreamId'>();
export type StreamId = z.output<typeof StreamId>;

export const StreamChunk = z.object({
  streamId: StreamId,
  seq: z.number().int().nonnegative(),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= STREAM_CHUNK_MAX, 'a live chunk must be 1 byte to 2 MiB'),
});

export const DestinationState = z.enum(['connecting', 'live', 'reconnecting', 'failed', 'ended']);
export type DestinationState = z.output<typeof DestinationState>;

export const StreamWarning = z.enum(['dropped', 'lagging']);
export type StreamWarning = z.output<typeof StreamWarning>;

/**
 * How a destination's video is made: `copy` passes the capture's H.264 through (no decode, no x264),
 * `encode` re-encodes with x264, and `why`: the streamer asked for it (STUDIO_LIVE_VIDEO=encode),
 * the capture's header did not say its video, its codec is not H.264 (VP8/VP9), or its frame is
 * larger than the output or in the other orientation.
 */
export const StreamVideo = z.discriminatedUnion('mode', [z.object({ mode: z.literal('copy') }), z.object({ mode: z.literal('encode'), why: z.enum(['asked', 'unknown', 'codec', 'size']) })]);
export type StreamVideo = z.output<typeof StreamVideo>;

/** One destination's health, from its ffmpeg's `-progress` output (OBS's status bar). */
export const DestinationHealth = z.object({
  id: DestinationId,
  name: z.string(),
  state: DestinationState,
  /** Passed through or re-encoded (and why); null until the capture's header came, or when it never started. */
  video: StreamVideo.nullable(),
  /** ffmpeg's last error line (keys redacted), while reconnecting or failed. */
  reason: z.string().nullable(),
  /** Output bitrate in kbit/s as ffmpeg reports it. */
  kbps: z.number().nonnegative().nullable(),
  fps: z.number().nonnegative().nullable(),
  frames: z.number().int().nonnegative(),
  /** Frames ffmpeg dropped (input faster than 30 fps) plus, counted apart, what the queue dropped. */
  droppedFrames: z.number().int().nonnegative(),
  dupFrames: z.number().int().nonnegative(),
  /** Bytes of capture the bounded queue dropped (the encoder or the network fell behind). */
  droppedBytes: z.number().int().nonnegative(),
  /** ffmpeg's speed (1 = real time); below 1 the encoder lags. */
  speed: z.number().nonnegative().nullable(),
  /** Seconds the encoder is behind real time (from speed and elapsed time). */
  lagS: z.number().nonnegative().nullable(),
  /** The encoder's CPU use, % of one core (null where it cannot be read). */
  cpu: z.number().nonnegative().nullable(),
  reconnects: z.number().int().nonnegative(),
  warnings: z.array(StreamWarning),
});
export type DestinationHealth = z.output<typeof DestinationHealth>;

export const StreamStatus = z.object({
  streamId: StreamId.nullable(),
  /** Since when (ms epoch) the stream runs, null when stopped. */
  startedAt: z.number().int().nullable(),
  output: StreamOutput.nullable(),
  destinations: z.array(DestinationHealth),
});
export type StreamStatus = z.output<typeof StreamStatus>;

export const StreamSettingsView = z.object({ destinations: z.array(DestinationView), output: StreamOutput });

export const stream = noun({
  methods: {
    /** The destinations (the platform room first) and the last output choice. */
    settings: method(z.undefined(), StreamSettingsView),
    saveDestination: method(DestinationInput, DestinationView),
    removeDestination: method(z.object({ id: DestinationId }), z.null()),
    setEnabled: method(z.object({ id: DestinationId, enabled: z.boolean() }), DestinationView),
    setOutput: method(StreamOutput, StreamOutput),
    /** The room's stream key, fetched from the platform: only when the streamer asks to see it. */
    revealRoomKey: method(z.object({ roomId: RoomId }), z.object({ rtmpUrl: z.string(), streamKey: z.string() })),
    start: method(StreamStart, StreamStatus),
    chunk: method(StreamChunk, z.object({ accepted: z.boolean() })),
    stop: method(z.undefined(), StreamStatus),
    status: method(z.undefined(), StreamStatus),
  },
  events: {
    /** About once a second while streaming, and at each state change. */
    status: event(StreamStatus),
  },
});
