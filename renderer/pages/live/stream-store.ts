import type { DestinationId, DestinationInput, DestinationView, StreamOutput, StreamStatus } from '@shared/ipc/nouns/live-stream';
import type { Result } from '@shared/ipc/result';
import { ROOM_FRAGMENT_MS } from '@shared/protocol/live-stream';
import type { RoomId } from '@shared/protocol/rooms';
import { studioClient } from '../../client/studio-client';
import { syncedStore, useStore } from '../../client/synced-store';
import { Microphone } from '../../recording/microphone';
import { StreamCapture } from './stream-capture';
import { StreamCompositor, type AlertCard, type FrameSource } from './stream-compositor';

export interface StreamSession {
  readonly destinations: readonly DestinationView[];
  readonly output: StreamOutput;
  readonly status: StreamStatus;
  /** Starting or stopping now. */
  readonly busy: boolean;
  readonly error: string | null;
  /** Whether the stream carries the microphone (chosen before Start). */
  readonly withMic: boolean;
}

const IDLE: StreamStatus = { streamId: null, startedAt: null, output: null, destinations: [] };

const session = syncedStore<StreamSession>(
  { destinations: [], output: { orientation: 'landscape', preset: '720p30', videoKbps: 2500 }, status: IDLE, busy: false, error: null, withMic: true },
  (store) => {
    const client = studioClient();
    void reload();
    void client.stream.status().then((r) => r.ok && store.update((s) => ({ ...s, status: r.value })));
    client.on('stream.status', (status) => store.update((s) => ({ ...s, status })));
  },
);

async function reload(): Promise<void> {
  const r = await studioClient().stream.settings();
  if (r.ok) session.update((s) => ({ ...s, destinations: r.value.destinations, output: s.status.streamId ? s.output : r.value.output }));
}

// The capture outlives the page's renders but not the page: LivePage stops it when it goes.
let capture: StreamCapture | null = null;
let mic: Microphone | null = null;
/** What is streamed: the try-on frame with the gift alert drawn in (stream-compositor.ts). */
let compositor: StreamCompositor | null = null;
/** The alert on screen now, kept while not streaming so a stream started mid-alert shows it too. */
let alertCard: AlertCard | null = null;

async function stopCapture(): Promise<void> {
  const c = capture;
  capture = null;
  await c?.stop();
  compositor?.dispose();
  compositor = null;
  mic?.close();
  mic = null;
}

export const streamStore = {
  reload,
  save: async (input: DestinationInput): Promise<Result<DestinationView>> => {
    const r = await studioClient().stream.saveDestination(input);
    if (r.ok) await reload();
    return r;
  },
  remove: async (id: DestinationId): Promise<void> => {
    await studioClient().stream.removeDestination({ id });
    await reload();
  },
  setEnabled: async (id: DestinationId, enabled: boolean): Promise<void> => {
    session.update((s) => ({ ...s, destinations: s.destinations.map((d) => (d.id === id ? { ...d, enabled } : d)) }));
    await studioClient().stream.setEnabled({ id, enabled });
    await reload();
  },
  setOutput: (output: StreamOutput): void => {
    session.update((s) => ({ ...s, output }));
    void studioClient().stream.setOutput(output);
  },
  setWithMic: (withMic: boolean): void => session.update((s) => ({ ...s, withMic })),
  /** The stream's microphone track while streaming with sound (a take recorded meanwhile uses it too). */
  micTrack: (): MediaStreamTrack | null => (capture?.hasAudio ? (mic?.track ?? null) : null),
  revealRoomKey: (roomId: RoomId) => studioClient().stream.revealRoomKey({ roomId }),

  /** The gift alert the stream shows (null: none); the page passes the one on screen. */
  setAlert: (card: AlertCard | null): void => {
    alertCard = card;
    compositor?.setAlert(card);
  },

  /**
   * Starts the destinations on the main side, then the capture (and the microphone) of the
   * source's frames composited with the gift alert.
   */
  start: async (source: FrameSource, roomId: RoomId | null): Promise<void> => {
    const s = session.get();
    if (s.busy || capture) return;
    session.update((v) => ({ ...v, busy: true, error: null }));
    const client = studioClient();
    try {
      let audio: MediaStreamTrack | null = null;
      if (s.withMic) {
        mic = new Microphone();
        // No microphone (or not allowed): the stream goes out with silence rather than not at all.
        if ((await mic.open(null)) === null) audio = mic.track;
      }
      const composed = new StreamCompositor(source);
      composed.setAlert(alertCard);
      compositor = composed;
      const c = new StreamCapture({
        client,
        source: composed,
        audio,
        videoKbps: s.output.videoKbps,
        // The room's HLS cuts a fragment at each keyframe: its fragment length keeps its viewers closer to live.
        keyframeMs: roomId && s.destinations.some((d) => d.kind === 'platform' && d.enabled) ? ROOM_FRAGMENT_MS : 2000,
        onFailed: (message) => {
          session.update((v) => ({ ...v, error: message }));
          void streamStore.stop();
        },
      });
      const started = await client.stream.start({ mimeType: c.mimeType, hasAudio: c.hasAudio, roomId, output: s.output });
      if (!started.ok) {
        composed.dispose();
        compositor = null;
        mic?.close();
        mic = null;
        session.update((v) => ({ ...v, busy: false, error: started.error.message }));
        return;
      }
      capture = c;
      c.start(started.value.streamId!);
      session.update((v) => ({ ...v, busy: false, status: started.value }));
    } catch (error) {
      await stopCapture();
      await client.stream.stop();
      session.update((v) => ({ ...v, busy: false, error: error instanceof Error ? error.message : String(error) }));
    }
  },

  /** Stops the capture, then every destination (each ffmpeg flushes and closes its connection). */
  stop: async (): Promise<void> => {
    if (!capture && !session.get().status.streamId) return;
    session.update((v) => ({ ...v, busy: true }));
    await stopCapture();
    const r = await studioClient().stream.stop();
    session.update((v) => ({ ...v, busy: false, status: r.ok ? r.value : v.status }));
  },
};

export const useStreamSession = (): StreamSession => useStore(session);
