import Hls, { type HlsConfig } from 'hls.js/light';

/**
 * The room's live picture: hls.js (light build) on a muted, autoplaying <video>, tuned for low
 * latency on the platform's HLS (0.5 s fragments, a 4 s playlist, blocking reload; no LL-HLS parts —
 * nginx-rtmp writes none). Kept out of React: the component only mounts a video element and shows the state.
 */
export type PlayerState =
  /** Loading the playlist (the first fragment appears ~1–2 s after the encoder starts). */
  | 'connecting'
  | 'playing'
  /** Waiting for data mid-stream. */
  | 'buffering'
  /** The browser refused to autoplay even muted: a tap on Play starts it. */
  | 'blocked'
  /** Lost the stream (network, or the playlist is gone); trying again. */
  | 'retrying'
  /** Neither Media Source Extensions nor native HLS. */
  | 'unsupported';

/**
 * Low latency, measured with `npm run bench -- live` (studio → nginx → this player, a clock drawn in
 * the frame read back from the decoded picture; 2 cores at load 10–30, so figures are noisy):
 * - lowLatencyMode turns on hls.js's catch-up (it speeds up to maxLiveSyncPlaybackRate only in that
 *   mode): without it a late start or a stall stayed as latency for good (p50 3.2–4.0 s).
 * - It also takes the origin's blocking playlist reload (`_HLS_msn`, see
 *   platform/features/live-stream/blocking-playlist.ts): a fragment is known as soon as it is listed.
 * - 1 s behind the live edge with the room's 0.5 s fragments (ROOM_FRAGMENT_MS): p50 2.2–2.5 s, about
 *   one 0.5 s rebuffer in 15 s at load 20–30. The player must stay more than one fragment behind or it
 *   runs dry before the next one is listed; after a stall hls.js adds up to a target duration.
 * Beyond 5 s behind it jumps forward. Little buffer: a live picture.
 */
export const LOW_LATENCY: Partial<HlsConfig> = {
  lowLatencyMode: true,
  liveSyncDuration: 1,
  liveMaxLatencyDuration: 5,
  maxLiveSyncPlaybackRate: 1.25,
  initialLiveManifestSize: 2,
  maxBufferLength: 4,
  backBufferLength: 4,
  enableWorker: true,
};

/** How long to wait before loading the stream again after losing it. */
export const RETRY_MS = 1_000;

export class LivePlayer {
  private hls: Hls | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly onState: (state: PlayerState) => void,
  ) {}

  start(): void {
    const video = this.video;
    video.muted = true;
    video.playsInline = true;
    const listen = (type: string, handler: () => void): void => {
      video.addEventListener(type, handler);
      this.offs.push(() => video.removeEventListener(type, handler));
    };
    listen('playing', () => this.onState('playing'));
    listen('waiting', () => this.onState('buffering'));
    this.onState('connecting');
    if (Hls.isSupported()) this.load();
    else if (video.canPlayType('application/vnd.apple.mpegurl') !== '') {
      // Safari on iOS: native HLS.
      video.src = this.url;
      this.play();
    } else this.onState('unsupported');
  }

  /** Sound on (after a tap: browsers autoplay only muted). */
  setMuted(muted: boolean): void {
    this.video.muted = muted;
  }

  /** After `blocked`: the tap that lets it play. */
  play(): void {
    this.video.play().catch((error: unknown) => {
      if (!this.stopped && error instanceof DOMException && error.name === 'NotAllowedError') this.onState('blocked');
    });
  }

  destroy(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.hls?.destroy();
    this.hls = null;
    for (const off of this.offs.splice(0)) off();
    this.video.removeAttribute('src');
    this.video.load();
  }

  private load(): void {
    const hls = new Hls(LOW_LATENCY);
    this.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, () => this.play());
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal || this.stopped) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
        hls.recoverMediaError();
        return;
      }
      // The playlist is not there yet (the encoder just started) or not any more: load it again.
      this.onState('retrying');
      hls.destroy();
      this.hls = null;
      this.retryTimer = setTimeout(() => {
        if (!this.stopped) this.load();
      }, RETRY_MS);
    });
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
  }
}
