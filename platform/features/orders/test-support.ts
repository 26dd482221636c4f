import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import path from 'node:path';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import type { CustomizationInput, Order } from '@shared/protocol/orders';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';
import { testDatabaseUrlFor } from '../../test-support/database';
import { checkLedger, type LedgerReport } from '../wallet/service';

/** A test platform plus a second, read-only look at its database (the ledger check, event rows). */
export interface OrdersTestPlatform extends TestPlatform {
  /** The run's PostgreSQL database, or undefined for SQLite in dataDir: a second node opens the same. */
  readonly databaseUrl: string | undefined;
  api(token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Registers a creator and publishes a service at `priceCoins`. */
  creator(handle: string, content?: Partial<CustomizationInput>): Promise<string>;
  /** Registers a viewer with `coins` bought through the sandbox. */
  viewer(handle: string, coins: number): Promise<string>;
  order(token: string, creatorHandle: string, key?: string): Promise<LightMyRequestResponse>;
  wallet(token: string): Promise<{ coins: number; diamonds: number; heldCoins: number }>;
  checkLedger(): Promise<LedgerReport>;
  events(topic: string): Promise<{ type: string; data: Record<string, unknown> }[]>;
}

let keys = 0;

/** A platform on a fresh database; `sameDatabaseAs` makes a second node on another's database and data dir (with its own clock). */
export async function createOrdersTestPlatform(options: Parameters<typeof createTestPlatform>[0] = {}, sameDatabaseAs?: OrdersTestPlatform): Promise<OrdersTestPlatform> {
  const databaseUrl = sameDatabaseAs ? sameDatabaseAs.databaseUrl : await testDatabaseUrlFor();
  if (sameDatabaseAs) options = { ...options, dataDir: sameDatabaseAs.dataDir };
  const p = await createTestPlatform({ ...options, databaseUrl });
  const look = databaseUrl
    ? new Kysely<object>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }) })
    : new Kysely<object>({ dialect: new SqliteDialect({ database: new Database(path.join(p.dataDir, 'platform.sqlite'), { readonly: true }) }) });
  const api: OrdersTestPlatform['api'] = (token, method, url, payload) =>
    p.app.inject({ method, url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    ...p,
    databaseUrl,
    api,
    async creator(handle, content = {}) {
      const { token } = await p.register(handle);
      const put = await api(token, 'PUT', '/creators/me/customization', { priceCoins: 100, description: 'Birthday songs and greetings', ...content });
      if (put.statusCode !== 200) throw new Error(`customization: ${put.statusCode} ${put.body}`);
      const published = await api(token, 'POST', '/creators/me/customization/publish');
      if (published.statusCode !== 200) throw new Error(`publish: ${published.statusCode} ${published.body}`);
      return token;
    },
    async viewer(handle, coins) {
      const { token } = await p.register(handle);
      if (coins > 0) {
        const res = await api(token, 'POST', '/wallet/top-up', { coins, idempotencyKey: `top-up-${handle}-${++keys}` });
        if (res.statusCode !== 201) throw new Error(`top-up: ${res.statusCode} ${res.body}`);
      }
      return token;
    },
    order(token, creatorHandle, key = `order-key-${++keys}`) {
      return api(token, 'POST', '/orders', {
        creatorHandle,
        info: { forWhom: 'Friend', name: 'Zhang', address: 'Xiao Zhang', occasion: 'Birthday', instructions: 'Sing happy birthday' },
        idempotencyKey: key,
      });
    },
    async wallet(token) {
      return (await api(token, 'GET', '/wallet')).json();
    },
    checkLedger: () => checkLedger(look),
    async events(topic) {
      const rows = await sql<{ type: string; data: string }>`select type, data from event_log where topic = ${topic} order by id`.execute(look);
      return rows.rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) as Record<string, unknown> }));
    },
    async close() {
      await look.destroy();
      await p.close();
    },
  };
}

export const orderOf = (res: LightMyRequestResponse): Order => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json<Order>();
};
