/**
 * What the live stream feature needs from the media server (nginx + RTMP module, supervised by
 * nginx-supervisor.ts; a stand-in in route tests). Any server that keeps this contract can replace
 * nginx: RTMP in under `app/<key>`, an auth callback, HLS out in `hlsDir/<key>/index.m3u8`.
 */
export interface LiveMediaServer {
  /** False while the server is not running: the ingest routes answer `live_off`. */
  readonly available: boolean;
  /** The per-process secret the server's callbacks carry (`?secret=`). */
  readonly hookSecret: string;
  /** The RTMP application encoders publish to (`live`). */
  readonly app: string;
  /** The RTMP URL (without the key) for a client that reached the platform at `hostname`. */
  rtmpUrl(hostname: string): string;
  /** Where the server writes each stream's playlist and fragments, one folder per stream name. */
  readonly hlsDir: string;
  /** Disconnects whoever publishes under `name` (the room closed, the key was rotated). */
  dropPublisher(name: string): Promise<void>;
  /** Called after the server came back from a crash (its encoders were cut off: streams marked live have ended). */
  onRestarted?(listener: () => void): void;
}
