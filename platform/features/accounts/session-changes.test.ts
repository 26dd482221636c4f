import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Topic } from '@shared/protocol/events';
import type { User, UserId } from '@shared/protocol/index';
import { openDatabase, type Db } from '../../kernel/db/database';
import { transaction } from '../../kernel/db/transaction';
import { LocalEventBus } from '../../kernel/events/bus';
import { EventLog } from '../../kernel/events/event-log';
import { EventHub } from '../../kernel/events/hub';
import { eventLogMigrations } from '../../kernel/events/migrations/0110-event-log';
import { TopicAuthorizer } from '../../kernel/events/topics';
import { migratedTestDatabaseUrl, testDialect } from '../../test-support/database';
import { Authenticator } from './authenticator';
import { SessionCache } from './session-cache';
import { SESSIONS_TOPIC, SessionChanges } from './session-changes';
import { SessionsRepository } from './sessions-repository';
import { UsersRepository } from './users-repository';

const HOUR = 60 * 60 * 1000;
let time = Date.UTC(2026, 11, 4);
const now = (): number => time;

interface Node {
  readonly auth: Authenticator;
  readonly changes: SessionChanges;
  readonly db: Db;
  close(): Promise<void>;
}

/**
 * One platform node's accounts side: its own cache, log writer and hub. Nothing wakes a hub (as if
 * Redis dropped every message): what one node writes reaches the other only through the log, at
 * its hub's next catch-up. Node A's is a minute away, so A's own sign-outs must take effect without it.
 */
async function startNode(db: Db, catchUpMs: number): Promise<Node> {
  const log = new EventLog(db, { now });
  const hub = new EventHub(log, new LocalEventBus(), { catchUpMs });
  await hub.start();
  const cache = new SessionCache();
  const changes = new SessionChanges(log, cache);
  const unfollow = await changes.follow(hub);
  const auth = new Authenticator({ sessions: new SessionsRepository(db), cache, changes, transaction: (work) => transaction(db, work), now, ttlMs: HOUR });
  return {
    auth,
    changes,
    db,
    async close() {
      unfollow();
      hub.stop();
    },
  };
}

const bearer = (token: string): string => `Bearer ${token}`;

/** Resolves `token` on `node` until `done` holds for the outcome (a session or an error code), or gives up long before the cache's 30 s backstop. */
async function outcomeOn(node: Node, token: string, done: (outcome: string) => boolean): Promise<string> {
  const outcome = (): Promise<string> =>
    node.auth.resolve(bearer(token)).then(
      (s) => `${s!.user.handle}/${s!.user.displayName}`,
      (error: { code: string }) => error.code,
    );
  await expect.poll(outcome, { timeout: 5000, interval: 20 }).toSatisfy(done);
  return outcome();
}

describe(`sessions on two nodes over one ${testDialect()} database`, () => {
  let a: Node;
  let b: Node;
  let closeDb: () => Promise<void>;
  let users: UsersRepository;

  beforeAll(async () => {
    if (testDialect() === 'postgres') {
      const url = await migratedTestDatabaseUrl(eventLogMigrations);
      const [dbA, dbB] = [await openDatabase({ kind: 'postgres', url }, eventLogMigrations), await openDatabase({ kind: 'postgres', url }, eventLogMigrations)];
      closeDb = async () => {
        await dbA.destroy();
        await dbB.destroy();
      };
      [a, b] = [await startNode(dbA, 60_000), await startNode(dbB, 50)];
    } else {
      // One SQLite file is one process's: the two nodes share its handle, and nothing else.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sessions-two-nodes-'));
      const db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'platform.sqlite') }, eventLogMigrations);
      closeDb = async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      };
      [a, b] = [await startNode(db, 60_000), await startNode(db, 50)];
    }
    users = new UsersRepository(a.db);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await closeDb();
  });

  let n = 0;
  async function newUser(): Promise<User> {
    const id = `usr_sc${++n}` as UserId;
    const user = await users.insert({ id, handle: `sc_user_${n}`, display_name: `User ${n}`, password_hash: 'x', created_at: time });
    return user!;
  }

  test('a sign-out on node A: A refuses the token at once, B as soon as its hub reads the log', async () => {
    const user = await newUser();
    const { token } = await a.auth.start(user);
    const other = await a.auth.start(user);
    const session = (await a.auth.resolve(bearer(token)))!;
    expect(session.user).toEqual(user);
    expect((await b.auth.resolve(bearer(token)))!.user).toEqual(user); // B has it cached now

    await a.auth.end(session);
    await expect(a.auth.resolve(bearer(token))).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await outcomeOn(b, token, (o) => o === 'unauthorized')).toBe('unauthorized');
    expect((await b.auth.resolve(bearer(other.token)))!.user).toEqual(user); // the account's other session lives on
  });

  test('an expired session is refused at its expiry on every node, cached or not', async () => {
    const user = await newUser();
    const { token, expiresAt } = await a.auth.start(user);
    await a.auth.resolve(bearer(token));
    await b.auth.resolve(bearer(token));
    time = expiresAt - 1;
    expect((await b.auth.resolve(bearer(token)))!.user.id).toBe(user.id);
    time = expiresAt;
    await expect(b.auth.resolve(bearer(token))).rejects.toMatchObject({ code: 'token_expired' });
    await expect(a.auth.resolve(bearer(token))).rejects.toMatchObject({ code: 'token_expired' }); // A's copy too (B has removed the row)
    await expect(b.auth.resolve(bearer(token))).rejects.toMatchObject({ code: 'unauthorized' }); // gone
  });

  test("an account change written on A: both nodes resolve its sessions to the account's new name", async () => {
    const user = await newUser();
    const { token } = await a.auth.start(user);
    expect(await outcomeOn(b, token, () => true)).toBe(`${user.handle}/${user.displayName}`);
    expect((await a.auth.resolve(bearer(token)))!.user.displayName).toBe(user.displayName);
    await transaction(a.db, async (trx) => {
      await trx
        .updateTable('users')
        .set({ handle: `${user.handle}_renamed`, display_name: 'Renamed' })
        .where('id', '=', user.id)
        .execute();
      await a.changes.accountChanged(trx, user.id);
    });
    expect((await a.auth.resolve(bearer(token)))!.user.displayName).toBe('Renamed');
    expect(await outcomeOn(b, token, (o) => o.endsWith('/Renamed'))).toBe(`${user.handle}_renamed/Renamed`);
  });

  test('an account deleted with its sessions (on A): B stops serving them', async () => {
    const user = await newUser();
    const { token } = await a.auth.start(user);
    await b.auth.resolve(bearer(token));
    await transaction(a.db, async (trx) => {
      await trx.deleteFrom('users').where('id', '=', user.id).execute(); // its sessions go by cascade
      await a.changes.accountChanged(trx, user.id);
    });
    expect(await outcomeOn(b, token, (o) => o === 'unauthorized')).toBe('unauthorized');
  });
});

test('the sessions topic is one the log takes, and no caller may subscribe to it', async () => {
  expect(Topic.parse(SESSIONS_TOPIC)).toBe(SESSIONS_TOPIC);
  const topics = new TopicAuthorizer();
  expect(await topics.mayRead(SESSIONS_TOPIC, null)).toBe(false);
  expect(await topics.mayRead(SESSIONS_TOPIC, 'usr_anyone')).toBe(false);
});
