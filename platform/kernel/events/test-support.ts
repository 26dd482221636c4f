import websocket from '@fastify/websocket';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import WebSocket from 'ws';
import { EVENTS_MAX_FRAME_BYTES, type ServerMessage } from '@shared/protocol/events';
import type { Session, SessionResolver } from '../http/auth';
import { startEventSystem, type EventSystem } from './event-system';
import { eventLogMigrations } from './migrations/0110-event-log';
import type { EventTables } from './schema';
import type { EventEnvelope } from '@shared/protocol/events';
import { eventsSocket, type EventsSocketLimits } from './socket-route';

/** Tokens `token-<userId>` sign in as `<userId>`. */
export const fakeSessions: SessionResolver = {
  resolve: (header) => {
    const match = /^Bearer token-(.+)$/.exec(header ?? '');
    return Promise.resolve(match ? ({ user: { id: match[1]!, handle: match[1]!, displayName: match[1]!, createdAt: 0 }, tokenHash: 'x' } as unknown as Session) : null);
  },
};

export async function openEventTestDb(file = ':memory:'): Promise<Kysely<EventTables>> {
  const db = new Kysely<EventTables>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...eventLogMigrations }) } }).migrateToLatest();
  if (error) throw error;
  return db;
}

export interface EventsTestServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly events: EventSystem;
  readonly db: Kysely<EventTables>;
  readonly clock: { now: () => number; advance: (ms: number) => void };
  close(): Promise<void>;
}

export async function startEventsTestServer(limits: Partial<EventsSocketLimits> = {}, retentionMs?: number): Promise<EventsTestServer> {
  const db = await openEventTestDb();
  let time = Date.UTC(2026, 11, 1);
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const events = await startEventSystem({ db, now: clock.now, retentionMs, catchUpMs: 200 });
  const app = Fastify();
  await app.register(websocket, { options: { maxPayload: EVENTS_MAX_FRAME_BYTES } });
  await app.register(eventsSocket, { hub: events.hub, log: events.log, auth: fakeSessions, topics: events.topics, limits });
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws') + '/api/v1/events';
  return {
    app,
    url,
    events,
    db,
    clock,
    async close() {
      await app.close();
      await events.close();
      await db.destroy();
    },
  };
}

/** A test client that records every message; `opened` resolves on open or rejects with the refusal. */
export class TestSocket {
  readonly messages: ServerMessage[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.socket = new WebSocket(url, options);
    this.socket.on('message', (data) => this.messages.push(JSON.parse(String(data)) as ServerMessage));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  get events(): { id: number; topic: string; type: string }[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { id: number }> => 'id' in m);
  }

  close(): void {
    this.socket.terminate();
  }
}

/** A stand-in for a ws socket whose underlying net socket records each write (`bufferedAmount` settable: a slow reader). */
export function fakeSocket(): { socket: WebSocket; writes: Buffer[]; state: { bufferedAmount: number; terminated: boolean } } {
  const writes: Buffer[] = [];
  const state = { bufferedAmount: 0, terminated: false };
  const socket = {
    OPEN: 1,
    get readyState() {
      return state.terminated ? 3 : 1;
    },
    get bufferedAmount() {
      return state.bufferedAmount;
    },
    extensions: '',
    terminate: () => void (state.terminated = true),
    _socket: { write: (b: Buffer) => void writes.push(b) },
  };
  return { socket: socket as unknown as WebSocket, writes, state };
}

/** Splits server frames (FIN text frames, unmasked) back into their texts. */
export function frameTexts(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length;) {
    if (bytes[at] !== 0x81) throw new Error(`not a final text frame at ${at}`);
    let length = bytes[at + 1]!;
    let head = 2;
    if (length === 126) [length, head] = [bytes.readUInt16BE(at + 2), 4];
    else if (length === 127) [length, head] = [bytes.readUInt32BE(at + 6), 10];
    out.push(bytes.subarray(at + head, at + head + length).toString('utf8'));
    at += head + length;
  }
  return out;
}

/** The event ids in a socket's writes, in the order written. */
export const writtenIds = (writes: readonly Buffer[]): number[] => writes.flatMap((w) => frameTexts(w).map((t) => (JSON.parse(t) as EventEnvelope).id));
