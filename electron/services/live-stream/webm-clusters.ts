import { BlockWalker, readCaptureVideo, vintLength, type CaptureVideo } from './webm-blocks';

/**
 * Finds where clusters start in a live WebM byte stream (MediaRecorder's slices cut it anywhere),
 * so an ffmpeg that is (re)started mid-stream can be fed the header followed by whole clusters, and
 * a queue that must drop can drop whole clusters without tearing a block in half.
 *
 * A cluster start is the Cluster ID (1F 43 B6 75), a valid EBML size, then the cluster's Timecode
 * element (E7): that three-part check makes a false match inside frame data very unlikely.
 */
export type WebmPiece = Readonly<{
  bytes: Uint8Array;
  startsCluster: boolean;
  /**
   * A cluster that opens on a video keyframe: where an ffmpeg may start or resume (Chromium's
   * recorder opens a cluster at each keyframe). Every cluster start when the header names no video track.
   */
  keyframe: boolean;
  /** Video frames that start in this piece (0 when the header names no video track). */
  videoFrames: number;
}>;

const ID = [0x1f, 0x43, 0xb6, 0x75] as const;
const TIMECODE = 0xe7;

/** `yes` when a cluster starts at `at`, `no` when not, `more` when the bytes end before it can be told. */
function clusterAt(b: Uint8Array, at: number): 'yes' | 'no' | 'more' {
  for (let i = 0; i < 4; i++) {
    if (at + i >= b.length) return 'more';
    if (b[at + i] !== ID[i]) return 'no';
  }
  if (at + 4 >= b.length) return 'more';
  const len = vintLength(b[at + 4]!);
  if (len === 0) return 'no';
  if (at + 4 + len >= b.length) return 'more';
  return b[at + 4 + len] === TIMECODE ? 'yes' : 'no';
}

export class WebmClusterSplitter {
  private headerParts: Uint8Array[] = [];
  private headerDone = false;
  private carry: Uint8Array = new Uint8Array(0);
  private initValue: Uint8Array | null = null;
  private videoValue: CaptureVideo | null = null;
  private walker: BlockWalker | null = null;

  /** The bytes before the first cluster (EBML header, Segment, Info, Tracks), once seen. */
  get init(): Uint8Array | null {
    return this.initValue;
  }

  /** The capture's video track as its header says (codec, size), once the header is complete. */
  get video(): CaptureVideo | null {
    return this.videoValue;
  }

  /** Splits the next slice at cluster starts; bytes before the first cluster go to `init`, not out. */
  push(chunk: Uint8Array): WebmPiece[] {
    const b = this.carry.length > 0 ? concat([this.carry, chunk]) : chunk;
    this.carry = new Uint8Array(0);
    const out: WebmPiece[] = [];
    let pieceStart = 0;
    let pieceIsCluster = false;
    let end = b.length;
    for (let i = 0; i < b.length; i++) {
      if (b[i] !== ID[0]) continue;
      const found = clusterAt(b, i);
      if (found === 'no') continue;
      if (found === 'more') {
        // Could be a cluster start cut by the slice: keep it for the next one (a few bytes, rarely).
        end = i;
        this.carry = b.slice(i);
        break;
      }
      if (i > pieceStart) this.emit(out, b.subarray(pieceStart, i), pieceIsCluster);
      pieceStart = i;
      pieceIsCluster = true;
    }
    if (end > pieceStart) this.emit(out, b.subarray(pieceStart, end), pieceIsCluster);
    return out;
  }

  private emit(out: WebmPiece[], bytes: Uint8Array, startsCluster: boolean): void {
    if (!this.headerDone) {
      if (!startsCluster) {
        this.headerParts.push(bytes.slice());
        return;
      }
      this.headerDone = true;
      this.initValue = concat(this.headerParts);
      this.headerParts = [];
      this.videoValue = readCaptureVideo(this.initValue);
      this.walker = this.videoValue ? new BlockWalker(this.videoValue.trackNumber) : null;
    }
    if (!this.walker) return void out.push({ bytes, startsCluster, keyframe: startsCluster, videoFrames: 0 });
    const count = this.walker.feed(bytes, startsCluster);
    out.push({ bytes, startsCluster, keyframe: startsCluster && count.firstVideoKey === true, videoFrames: count.videoFrames });
  }
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
