/**
 * Just enough EBML to stream a live WebM without decoding it: what the capture is (the header's
 * video track: codec and size, which decide whether ffmpeg may copy it) and, inside clusters, which
 * blocks are video frames and whether a cluster opens on a keyframe (where a restarted or lagging
 * ffmpeg may resume without a broken picture).
 */

/** The capture's video track, read from the WebM header (EBML header, Segment, Info, Tracks). */
export type CaptureVideo = Readonly<{
  trackNumber: number;
  /** Matroska codec id: V_MPEG4/ISO/AVC (H.264), V_VP8, V_VP9 … */
  codecId: string;
  width: number;
  height: number;
}>;

const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;
const CLUSTER = 0x1f43b675;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const SIMPLE_BLOCK = 0xa3;

/** Length of an EBML variable-size integer (IDs and sizes alike) from its first byte (0 when invalid). */
export function vintLength(first: number): number {
  for (let i = 0; i < 8; i++) if (first & (0x80 >> i)) return i + 1;
  return 0;
}

/** An element ID (marker bits kept, as IDs are written). */
function readId(b: Uint8Array, at: number, len: number): number {
  let id = 0;
  for (let i = 0; i < len; i++) id = id * 256 + b[at + i]!;
  return id;
}

/** A size or number (marker bit removed); -1 for the reserved "unknown" value. */
function readVint(b: Uint8Array, at: number, len: number): number {
  let value = b[at]! & (0xff >> len);
  let allOnes = value === 0xff >> len;
  for (let i = 1; i < len; i++) {
    value = value * 256 + b[at + i]!;
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return allOnes ? -1 : value;
}

function readUint(b: Uint8Array, at: number, len: number): number {
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 256 + b[at + i]!;
  return v;
}

type Element = { id: number; body: number; end: number };

/** The element at `at` (its body's start and end; an unknown size runs to `limit`), or null when cut. */
function elementAt(b: Uint8Array, at: number, limit: number): Element | null {
  if (at >= limit) return null;
  const idLen = vintLength(b[at]!);
  if (idLen === 0 || idLen > 4 || at + idLen >= limit) return null;
  const sizeLen = vintLength(b[at + idLen]!);
  if (sizeLen === 0 || at + idLen + sizeLen > limit) return null;
  const size = readVint(b, at + idLen, sizeLen);
  const body = at + idLen + sizeLen;
  return { id: readId(b, at, idLen), body, end: size < 0 ? limit : Math.min(limit, body + size) };
}

function children(b: Uint8Array, from: number, to: number, visit: (e: Element) => void): void {
  for (let at = from; at < to;) {
    const e = elementAt(b, at, to);
    if (!e) return;
    visit(e);
    at = e.end;
  }
}

/** The first video track of a WebM header, or null when the header says none (or cannot be read). */
export function readCaptureVideo(header: Uint8Array): CaptureVideo | null {
  let found: CaptureVideo | null = null;
  children(header, 0, header.length, (top) => {
    if (top.id !== SEGMENT) return;
    children(header, top.body, top.end, (section) => {
      if (section.id !== TRACKS) return;
      children(header, section.body, section.end, (entry) => {
        if (entry.id !== TRACK_ENTRY || found) return;
        let number = 0;
        let type = 0;
        let codecId = '';
        let width = 0;
        let height = 0;
        children(header, entry.body, entry.end, (f) => {
          if (f.id === TRACK_NUMBER) number = readUint(header, f.body, f.end - f.body);
          else if (f.id === TRACK_TYPE) type = readUint(header, f.body, f.end - f.body);
          else if (f.id === CODEC_ID) codecId = new TextDecoder().decode(header.subarray(f.body, f.end)).replace(/\0+$/, '');
          else if (f.id === VIDEO)
            children(header, f.body, f.end, (v) => {
              if (v.id === PIXEL_WIDTH) width = readUint(header, v.body, v.end - v.body);
              else if (v.id === PIXEL_HEIGHT) height = readUint(header, v.body, v.end - v.body);
            });
        });
        if (type === 1 && number > 0) found = { trackNumber: number, codecId, width, height };
      });
    });
  });
  return found;
}

/** What one piece of cluster data holds: video frames that start in it, and the cluster's first video frame if it is in it. */
export type BlockCount = { videoFrames: number; firstVideoKey: boolean | null };

/**
 * Walks cluster data as it streams in (pieces cut anywhere): counts the video track's blocks and
 * tells whether a cluster's first video block is a keyframe. Restarted at every cluster start, so a
 * surprise (an unknown-size element that is not a cluster) costs at most the rest of one cluster.
 */
export class BlockWalker {
  /** Bytes of an element's header (and a block's first bytes) not yet complete. */
  private readonly head = new Uint8Array(32);
  private headLen = 0;
  private skip = 0;
  private lost = true;
  private sawVideo = false;

  constructor(private readonly videoTrack: number) {}

  /** The next bytes of the stream; `startsCluster`: they begin with a cluster's ID. */
  feed(bytes: Uint8Array, startsCluster: boolean): BlockCount {
    const out: BlockCount = { videoFrames: 0, firstVideoKey: null };
    if (startsCluster) {
      this.headLen = 0;
      this.skip = 0;
      this.lost = false;
      this.sawVideo = false;
    }
    let at = 0;
    while (at < bytes.length && !this.lost) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, bytes.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      this.head[this.headLen++] = bytes[at++]!;
      this.step(out);
    }
    return out;
  }

  /** Tries to read the element whose first bytes are in `head`; leaves them there until enough came. */
  private step(out: BlockCount): void {
    const h = this.head;
    const idLen = vintLength(h[0]!);
    if (idLen === 0 || idLen > 4) return this.lose();
    if (this.headLen <= idLen) return;
    const sizeLen = vintLength(h[idLen]!);
    if (sizeLen === 0) return this.lose();
    const headerLen = idLen + sizeLen;
    if (this.headLen < headerLen) return;
    const id = readId(h, 0, idLen);
    const size = readVint(h, idLen, sizeLen);
    if (id === CLUSTER || id === BLOCK_GROUP) {
      // Masters: their children follow.
      this.headLen = 0;
      return;
    }
    if (size < 0) return this.lose();
    if (id === SIMPLE_BLOCK || id === BLOCK) {
      // Track number (a vint), a 16-bit timecode, then flags (keyframe 0x80 in a SimpleBlock).
      if (this.headLen === headerLen) return;
      const trackLen = vintLength(h[headerLen]!);
      if (trackLen === 0 || trackLen > 4) return this.lose();
      const need = headerLen + trackLen + 3;
      if (this.headLen < need && this.headLen - headerLen < size) return;
      if (readVint(h, headerLen, trackLen) === this.videoTrack) {
        out.videoFrames++;
        if (!this.sawVideo) {
          this.sawVideo = true;
          out.firstVideoKey = id === SIMPLE_BLOCK && this.headLen >= need && (h[need - 1]! & 0x80) !== 0;
        }
      }
    }
    this.skip = size - (this.headLen - headerLen);
    this.headLen = 0;
  }

  private lose(): void {
    this.lost = true;
    this.headLen = 0;
    this.skip = 0;
  }
}
