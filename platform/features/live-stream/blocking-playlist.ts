import { stat, readFile } from 'node:fs/promises';

/**
 * LL-HLS's blocking playlist reload on top of nginx-rtmp's plain HLS: the origin marks each playlist
 * `CAN-BLOCK-RELOAD=YES`, so hls.js (lowLatencyMode) asks for the next one at once with
 * `?_HLS_msn=<next fragment>` and the origin answers the moment nginx lists that fragment. Without
 * it hls.js polls once per target duration and learns of a new fragment on average half a fragment
 * late (~0.5 s of glass to glass at 1 s fragments, measured with `npm run bench -- live`).
 */
export const SERVER_CONTROL = '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES';

/** The newest fragment's media sequence number in a live playlist; null when it lists none. */
export function lastSequence(playlist: string): number | null {
  const first = Number(/^#EXT-X-MEDIA-SEQUENCE:(\d+)\s*$/m.exec(playlist)?.[1] ?? 0);
  const fragments = playlist.split('\n').filter((line) => line.length > 0 && !line.startsWith('#')).length;
  return fragments === 0 ? null : first + fragments - 1;
}

/** The playlist's target duration in seconds (1 when it says none). */
export function targetDuration(playlist: string): number {
  return Number(/^#EXT-X-TARGETDURATION:(\d+)\s*$/m.exec(playlist)?.[1] ?? 1) || 1;
}

/** The playlist with the server-control tag after its first line (`#EXTM3U`). */
export function withBlockingReload(playlist: string): string {
  if (playlist.includes('#EXT-X-SERVER-CONTROL')) return playlist;
  const eol = playlist.indexOf('\n');
  return eol < 0 ? `${playlist}\n${SERVER_CONTROL}\n` : `${playlist.slice(0, eol + 1)}${SERVER_CONTROL}\n${playlist.slice(eol + 1)}`;
}

/**
 * What a request for `msn` gets: `now` (already listed, or no directive), `wait` (the next one or
 * two: hold the request), `too-far` (the spec's 400: more than two fragments ahead).
 */
export function blockingDecision(last: number | null, msn: number | undefined): 'now' | 'wait' | 'too-far' {
  if (msn === undefined || (last !== null && msn <= last)) return 'now';
  return last !== null && msn > last + 2 ? 'too-far' : 'wait';
}

type Waiter = { msn: number; resolve: (playlist: string) => void };
type Watched = { waiters: Set<Waiter>; timer: ReturnType<typeof setInterval>; mtimeMs: number };

/**
 * Holds playlist requests until nginx lists the fragment asked for. One poller per playlist file
 * however many viewers wait on it (a stat every `pollMs`; nginx replaces the file by a rename, which
 * a stat sees at once and inotify-based fs.watch reports unevenly), stopped when nobody waits.
 */
export class PlaylistWaiter {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly pollMs = 20) {}

  /**
   * The playlist once it lists `msn`, or as it is after `timeoutMs` (the client then asks again), or
   * null when the file is gone (the stream ended).
   */
  wait(file: string, msn: number, timeoutMs: number): Promise<string | null> {
    return new Promise((resolve) => {
      const watched = this.watch(file);
      const timer = setTimeout(() => {
        finish();
        readFile(file, 'utf8').then(resolve, () => resolve(null));
      }, timeoutMs);
      const waiter: Waiter = {
        msn,
        resolve: (playlist) => {
          clearTimeout(timer);
          finish();
          resolve(playlist);
        },
      };
      const finish = (): void => {
        watched.waiters.delete(waiter);
        if (watched.waiters.size === 0 && this.watched.get(file) === watched) {
          clearInterval(watched.timer);
          this.watched.delete(file);
        }
      };
      watched.waiters.add(waiter);
    });
  }

  private watch(file: string): Watched {
    const existing = this.watched.get(file);
    if (existing) return existing;
    let busy = false;
    const watched: Watched = {
      waiters: new Set(),
      mtimeMs: 0,
      timer: setInterval(() => {
        if (busy) return;
        busy = true;
        void this.poll(file, watched).finally(() => (busy = false));
      }, this.pollMs),
    };
    this.watched.set(file, watched);
    return watched;
  }

  private async poll(file: string, watched: Watched): Promise<void> {
    const changed = await stat(file).then(
      (s) => s.mtimeMs !== watched.mtimeMs && ((watched.mtimeMs = s.mtimeMs), true),
      () => false,
    );
    if (!changed) return;
    const playlist = await readFile(file, 'utf8').catch(() => null);
    const last = playlist === null ? null : lastSequence(playlist);
    if (playlist === null || last === null) return;
    for (const waiter of [...watched.waiters]) if (waiter.msn <= last) waiter.resolve(playlist);
  }
}
