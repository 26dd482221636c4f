import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * The clients of `npm run bench -- gifts`, in processes of their own so that the bench measures the
 * platform and not its own clients' parsing (forked by bench/gifts.ts; talks over the IPC channel).
 * - `viewers`: the viewer sockets subscribed to the room; each checks that the room's events arrive
 *   once each, in id order, and the tally says how many each socket got. Most read each event's id
 *   from the frame's first bytes off the TCP stream; one in FULL_PARSE_EVERY parses every frame in full
 *   through ws and checks it (openViewer).
 * - `load`: the streamer's socket and the senders: offers gifts at a rate and times send → the
 *   streamer's `gift.received`, counting each gift's deliveries (lost, duplicated).
 * Times are `performance.now()` of this process only: the sends and the streamer's socket share it.
 */
export interface ViewersOpen {
  readonly type: 'open';
  readonly urls: readonly string[];
  readonly topic: string;
  readonly count: number;
}
export interface ViewersTally {
  readonly type: 'tally';
  readonly sockets: number;
  /** The fewest and most room events one socket got. */
  readonly min: number;
  readonly max: number;
  readonly total: number;
  /** Events that came with an id not above the socket's last one (a duplicate or out of order). */
  readonly disorder: number;
  readonly closed: number;
  /** Frames whose JSON disagreed with the id read from their bytes, were not the room's gift, or had no id first (all counted). */
  readonly mismatched: number;
  readonly firstMismatch: string | null;
  /** How many of the sockets parse every frame in full (the others read the id from the frame's first bytes). */
  readonly fullParse: number;
  /** CPU this process (the viewers' sockets: reading frames, parsing JSON) has used so far, ms. */
  readonly cpuMs: number;
}
export interface LoadRun {
  readonly type: 'run';
  readonly base: string;
  readonly streamerWsUrl: string;
  readonly streamer: Readonly<{ id: string; token: string }>;
  readonly senders: readonly string[];
  readonly roomId: string;
  readonly rate: number;
  readonly seconds: number;
  readonly maxInFlight: number;
}
export interface LoadResult {
  readonly type: 'result';
  readonly total: number;
  readonly offered: number;
  readonly accepted: number;
  readonly refused: number;
  readonly behind: number;
  readonly sendSeconds: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Gifts the streamer got whose send was not answered 201 (a send that failed on the client's side but committed). */
  readonly unanswered: number;
  readonly p50: number;
  readonly p99: number;
  readonly afterAnswerP50: number;
  readonly afterAnswerP99: number;
}

export const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

export async function openSocket(url: string, topics: string[], token: string | null, onEvent: (type: string, id: number, data: Record<string, unknown>) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  // Listening from the start: `ready` may arrive in the same chunk as the upgrade, right after 'open'.
  const subscribed = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: number; data?: Record<string, unknown> };
      // Subscribe after `ready`, once the server has resolved the socket's session.
      if (message.type === 'ready') socket.send(JSON.stringify({ type: 'subscribe', topics }));
      else if (message.type === 'subscribed') resolve();
      else if (message.type === 'error') reject(new Error(JSON.stringify(message)));
      else if (message.id !== undefined) onEvent(message.type, message.id, message.data ?? {});
    });
  });
  await subscribed;
  return socket;
}

/** `{"id":` as bytes: the platform writes every event's text with its id first (kernel/events eventText). */
const ID_PREFIX = Buffer.from('{"id":');

/**
 * The event id at `start` of `bytes` (a frame's payload, `end` its end), or -1 when the payload does not
 * start with `{"id":<digits>,` (a control message, or an event written some other way: parsed in full).
 */
export function leadingId(bytes: Buffer, start = 0, end = bytes.length): number {
  if (end - start < ID_PREFIX.length + 2 || bytes.compare(ID_PREFIX, 0, ID_PREFIX.length, start, start + ID_PREFIX.length) !== 0) return -1;
  let id = 0;
  let i = start + ID_PREFIX.length;
  for (; i < end && i < start + ID_PREFIX.length + 16; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) break;
    id = id * 10 + digit;
  }
  return i > start + ID_PREFIX.length && i < end && bytes[i] === 44 /* , */ ? id : -1;
}

/**
 * Every FULL_PARSE_EVERY-th viewer socket parses every frame in full and checks it against the fast read
 * (BENCH_GIFT_FULL_PARSE_EVERY=1: all of them, as every socket did before, for comparison).
 */
const FULL_PARSE_EVERY = Math.max(1, Number(process.env.BENCH_GIFT_FULL_PARSE_EVERY ?? 50));

type OnId = (id: number) => void;
type OnOdd = (why: string) => void;

/**
 * A viewer socket: opened and subscribed as openSocket does. A `full` socket then goes on through ws and
 * parses every frame, checking that the JSON's id is the one read from its bytes and that topic and type
 * are the room's gift. The others count each event from the id at the front of its bytes: past the
 * subscription they read the TCP stream themselves (readFrames), since ws's per-message work plus
 * String + JSON.parse cost the client ~2.7 µs per notice, 2,000 sockets × every gift's notice.
 */
async function openViewer(url: string, topic: string, full: boolean, onId: OnId, onOdd: OnOdd): Promise<WebSocket> {
  const socket = new WebSocket(url);
  const subscribed = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (raw: Buffer, isBinary: boolean) => {
      const id = isBinary ? -1 : leadingId(raw);
      if (id >= 0 && !full) return onId(id);
      const message = JSON.parse(String(raw)) as { type: string; id?: number; topic?: string };
      if (message.id !== undefined) {
        if (message.id !== id) onOdd(`id ${message.id} in the JSON, ${id} read from the bytes`);
        else if (message.topic !== topic || message.type !== 'room.gift') onOdd(`${message.type} on ${message.topic}`);
        return onId(message.id);
      }
      if (message.type === 'ready') socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
      else if (message.type === 'subscribed') {
        if (!full) readFrames(socket, onId, onOdd);
        resolve();
      } else if (message.type === 'error') reject(new Error(JSON.stringify(message)));
    });
  });
  await subscribed;
  return socket;
}

/**
 * Takes the socket's incoming bytes from ws (right after `subscribed`, before the room has any event,
 * so ws holds no part of a frame) and walks the server's frames (RFC 6455 §5.2, unmasked): each text
 * frame's id is read from its first bytes; a ping is answered through ws; anything else is counted odd.
 * ws keeps the socket's close handling, so a closed socket is still counted.
 */
function readFrames(socket: WebSocket, onId: OnId, onOdd: OnOdd): void {
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  const receiver = (socket as unknown as { _receiver: { _bufferedBytes: number } })._receiver;
  if (receiver._bufferedBytes !== 0) return onOdd('ws held part of a frame at the switch; this socket stays on ws');
  tcp.removeAllListeners('data');
  let rest: Buffer | null = null;
  tcp.on('data', (chunk: Buffer) => {
    const bytes: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    rest = null;
    let at = 0;
    while (bytes.length - at >= 2) {
      const opcode = bytes[at]! & 0x0f;
      let length = bytes[at + 1]! & 0x7f;
      let head = 2;
      if (length === 126) {
        if (bytes.length - at < 4) break;
        length = bytes.readUInt16BE(at + 2);
        head = 4;
      } else if (length === 127) {
        if (bytes.length - at < 10) break;
        length = bytes.readUInt32BE(at + 6);
        head = 10;
      }
      if (bytes.length - at < head + length) break;
      const start = at + head;
      at = start + length;
      if (bytes[start - head] !== 0x81) {
        if (opcode === 0x9) socket.pong(bytes.subarray(start, at));
        else if (opcode !== 0x8) onOdd(`a frame with first byte ${bytes[start - head]}`);
        continue;
      }
      const id = leadingId(bytes, start, at);
      if (id >= 0) onId(id);
      else onOdd(`an event without its id first: ${bytes.toString('utf8', start, Math.min(at, start + 80))}`);
    }
    if (at < bytes.length) rest = bytes.subarray(at);
  });
}

async function viewers(open: ViewersOpen): Promise<() => ViewersTally> {
  const last = new Int32Array(open.count);
  const counts = new Int32Array(open.count);
  let disorder = 0;
  let closed = 0;
  let mismatched = 0;
  let firstMismatch: string | null = null;
  for (let i = 0; i < open.count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, open.count - i) }, async (_, j) => {
        const k = i + j;
        const onId = (id: number): void => {
          if (id <= last[k]!) disorder++;
          last[k] = id;
          counts[k]!++;
        };
        const onOdd = (why: string): void => {
          mismatched++;
          firstMismatch ??= why;
        };
        const socket = await openViewer(open.urls[k % open.urls.length]!, open.topic, k % FULL_PARSE_EVERY === 0, onId, onOdd);
        socket.on('close', () => void closed++);
      }),
    );
  }
  return () => {
    let min = Infinity;
    let max = 0;
    let total = 0;
    for (const n of counts) {
      min = Math.min(min, n);
      max = Math.max(max, n);
      total += n;
    }
    const cpu = process.cpuUsage();
    return {
      type: 'tally',
      sockets: open.count,
      min,
      max,
      total,
      disorder,
      closed,
      mismatched,
      firstMismatch,
      fullParse: Math.ceil(open.count / FULL_PARSE_EVERY),
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  };
}

async function load(run: LoadRun): Promise<LoadResult> {
  const sentAt = new Map<number, number>();
  const received = new Map<number, number>();
  const answeredAt = new Map<number, number>();
  const receivedAt = new Map<number, number>();
  const delays: number[] = [];
  const streamerSocket = await openSocket(run.streamerWsUrl, [`user:${run.streamer.id}`], run.streamer.token, (type, _id, data) => {
    if (type !== 'gift.received') return;
    const now = performance.now();
    const seq = Number(String(data.message).slice(1));
    received.set(seq, (received.get(seq) ?? 0) + 1);
    const at = sentAt.get(seq);
    if (at !== undefined && received.get(seq) === 1) {
      delays.push(now - at);
      receivedAt.set(seq, now);
    }
  });
  const post = (url: string, token: string, body: unknown): Promise<Response> =>
    fetch(`${run.base}/api/v1${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const total = Math.round(run.rate * run.seconds);
  const accepted = new Set<number>();
  let refused = 0;
  let inFlight = 0;
  let behind = 0;
  let offered = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / run.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    while (inFlight >= run.maxInFlight) await sleep(1);
    // A platform that cannot keep up is not offered the rest: the run stays `seconds` long, and the figures say how far it got.
    if (performance.now() > t0 + run.seconds * 1000 + 1000) break;
    if (performance.now() - due > 100) behind++;
    offered++;
    const token = run.senders[i % run.senders.length]!;
    inFlight++;
    sentAt.set(i, performance.now());
    pending.push(
      post(`/rooms/${run.roomId}/gifts`, token, { giftId: 'bundle-of-flowers', message: `#${i}`, idempotencyKey: `bench-gift-${i}-key` })
        .then(async (res) => {
          answeredAt.set(i, performance.now());
          const body = (await res.json()) as { id?: string };
          if (res.status === 201 && body.id) accepted.add(i);
          else refused++;
        })
        .catch(() => void refused++)
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(pending);
  const sendSeconds = (performance.now() - t0) / 1000;
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline && [...accepted].some((seq) => !received.has(seq))) await sleep(50);
  await sleep(300);
  streamerSocket.terminate();
  // The push against the HTTP answer: negative when the streamer had the gift before the sender had the 201.
  const afterAnswer = [...receivedAt]
    .filter(([seq]) => answeredAt.has(seq))
    .map(([seq, at]) => at - answeredAt.get(seq)!)
    .sort((a, b) => a - b);
  delays.sort((a, b) => a - b);
  return {
    type: 'result',
    total,
    offered,
    accepted: accepted.size,
    refused,
    behind,
    sendSeconds,
    lost: [...accepted].filter((seq) => !received.has(seq)).length,
    duplicated: [...received.values()].filter((n) => n > 1).length,
    unanswered: [...received.keys()].filter((seq) => !accepted.has(seq)).length,
    p50: quantile(delays, 0.5),
    p99: quantile(delays, 0.99),
    afterAnswerP50: quantile(afterAnswer, 0.5),
    afterAnswerP99: quantile(afterAnswer, 0.99),
  };
}

if (process.send) {
  const role = process.argv[2];
  let tally: (() => ViewersTally) | null = null;
  const reply = (message: unknown): void => void process.send!(message);
  process.on('message', (message: ViewersOpen | LoadRun | { type: 'tally' | 'close' }) => {
    const fail = (error: unknown): void => reply({ type: 'error', message: String(error instanceof Error ? error.stack : error) });
    if (message.type === 'open' && role === 'viewers')
      viewers(message).then((t) => {
        tally = t;
        reply({ type: 'ready' });
      }, fail);
    else if (message.type === 'tally') reply(tally ? tally() : { type: 'error', message: 'no viewers' });
    else if (message.type === 'run' && role === 'load') load(message).then(reply, fail);
    else if (message.type === 'close') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
}
