import { z } from 'zod';
import { Draft } from '../../domain/drafts';
import { DraftId, ExportJobId, TakeId } from '../../domain/ids';
import { RecordingEvent } from '../../domain/recording/journal';
import { LookIds } from '../../domain/tryon/look-ids';
import { eventFor, method, noun } from '../define';
import { FailureNoteWire } from '../failure-text';

/** MediaRecorder's 500 ms slices are tens to hundreds of KiB; 2 MiB leaves room for 1080p and stays under the socket's frame limit. */
export const RECORDING_CHUNK_MAX = 2 * 1024 * 1024;
/** A composited still (JPEG or PNG) for a photo video. */
export const STILL_BYTES_MAX = 3 * 1024 * 1024;

const bytesUpTo = (max: number, what: string) => z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= max, `${what} must be 1 byte to ${Math.round(max / 1024 / 1024)} MiB`);

export const RecordingStart = z.object({
  mimeType: z.string().min(1).max(100),
  itemId: z.string().max(200).nullable(),
  attributeId: z.string().max(200).nullable(),
  /** The filter on when the take starts (later switches are journal events). */
  filter: z.string().min(1).max(40).nullable().default(null),
  /** The recorded frames are mirrored (a mirrored camera view): the export flips them back unless Settings says otherwise. */
  mirrored: z.boolean().default(false),
  /** The whole look worn at the start (issue 16 §2), for the journal; itemId/attributeId are its current layer. */
  look: LookIds.optional(),
});

export const RecordingChunk = z.object({ takeId: TakeId, seq: z.number().int().nonnegative(), bytes: bytesUpTo(RECORDING_CHUNK_MAX, 'a recording chunk') });

export const StillVideoRequest = z.object({
  bytes: bytesUpTo(STILL_BYTES_MAX, 'a still frame'),
  mimeType: z.enum(['image/png', 'image/jpeg']),
  seconds: z.number().int().min(1).max(180),
  itemId: z.string().max(200).nullable(),
  attributeId: z.string().max(200).nullable(),
  /** The whole look on the still (issue 16 §2), kept with the draft as a photo's is; itemId/attributeId are its current layer. */
  look: LookIds.optional(),
});

/** Crash-safe takes from the shooting page: each becomes a video draft (status `recording` until finished). */
export const recordings = noun({
  methods: {
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
  events: {
    /** A take stopped by itself: the disk refused a write. What was written is kept. Subscribe with `{ takeId }`. */
    failed: eventFor(FailureNoteWire.extend({ takeId: TakeId }), z.object({ takeId: TakeId }), (arg, e) => e.takeId === arg.takeId),
  },
});
