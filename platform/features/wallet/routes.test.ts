import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { TopUpResponse, Wallet, WalletEntryPage } from '@shared/protocol/wallet';
import type { Session } from '../../kernel/http/auth';
import { installErrorHandling } from '../../kernel/http/error-handling';
import { useZodSchemas } from '../../kernel/http/zod-compilers';
import { checkLedger } from './check-ledger';
import { Ledger } from './ledger';
import { SandboxPaymentProvider } from './payment-provider';
import { walletFeature } from './routes';
import type { WalletTables } from './schema';
import { WalletService } from './service';
import { openLedgerTestDb } from './test-support';

const USERS = { 'token-ana': 'usr_aaaaaaaaaaaa', 'token-ben': 'usr_bbbbbbbbbbbb' } as const;
const auth = (token: keyof typeof USERS) => ({ authorization: `Bearer ${token}` });

async function walletApp(db: Kysely<WalletTables>, options: { decline?: boolean } = {}): Promise<{ app: FastifyInstance; ledger: Ledger }> {
  let time = 1_800_000_000_000;
  const ledger = new Ledger(() => ++time);
  const wallet = new WalletService({ db, ledger, payments: new SandboxPaymentProvider(options), transaction: (work) => db.transaction().execute(work) });
  const app = Fastify();
  useZodSchemas(app);
  installErrorHandling(app);
  const sessions = {
    resolve: (header: string | undefined): Promise<Session | null> => {
      const id = USERS[header?.replace('Bearer ', '') as keyof typeof USERS];
      return Promise.resolve(id ? { user: { id, handle: id, displayName: id, createdAt: 0 } as Session['user'], tokenHash: 'x' } : null);
    },
  };
  await app.register(walletFeature, { route: { auth: sessions, authRateLimit: { max: 100, timeWindowMs: 1000 } }, wallet });
  await app.ready();
  return { app, ledger };
}

describe('wallet routes', () => {
  let db: Kysely<WalletTables>;
  let app: FastifyInstance;
  let ledger: Ledger;
  beforeEach(async () => {
    db = await openLedgerTestDb();
    ({ app, ledger } = await walletApp(db));
  });
  afterEach(async () => {
    await app.close();
    await db.destroy();
  });

  const topUp = (coins: unknown, idempotencyKey = 'purchase-0001', token: keyof typeof USERS = 'token-ana') =>
    app.inject({ method: 'POST', url: '/api/v1/wallet/top-up', headers: auth(token), payload: { coins, idempotencyKey } });

  test('a new account has an empty wallet; the wallet needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/wallet', headers: auth('token-ana') })).json<Wallet>()).toEqual({ coins: 0, diamonds: 0, heldCoins: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/wallet' })).statusCode).toBe(401);
  });

  test('top-up: 201 with the new balance; the same key again is 200 with the first result; another amount is 409', async () => {
    const first = await topUp(250);
    expect(first.statusCode).toBe(201);
    const body = first.json<TopUpResponse>();
    expect(body).toMatchObject({ coins: 250, wallet: { coins: 250, diamonds: 0, heldCoins: 0 } });
    const again = await topUp(250);
    expect(again.statusCode).toBe(200);
    expect(again.json<TopUpResponse>()).toEqual(body);
    const conflict = await topUp(300);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({ error: { code: 'idempotency_conflict', message: expect.any(String) } });
    // Another account may use the same key: keys are per account.
    expect((await topUp(5, 'purchase-0001', 'token-ben')).statusCode).toBe(201);
    expect(await checkLedger(db)).toMatchObject({ ok: true, transfers: 2 });
  });

  test('top-up limits: 1 to 1,000,000 whole coins', async () => {
    for (const coins of [0, 1_000_001, 2.5, '10', -1]) {
      const res = await topUp(coins, `bad-${String(coins)}`);
      expect(res.statusCode, String(coins)).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
    expect((await topUp(1, 'edge-low-1')).statusCode).toBe(201);
    expect((await topUp(1_000_000, 'edge-high-1')).statusCode).toBe(201);
  });

  test('entries: newest first, with source and counterparty, paged by cursor', async () => {
    await topUp(40, 'purchase-a1');
    await topUp(60, 'purchase-a2');
    await ledger.hold(db, { userId: USERS['token-ana'], coins: 30, source: 'order:ord_1', idempotencyKey: 'o1' });
    const hold = await ledger.hold(db, { userId: USERS['token-ana'], coins: 36, source: 'gift:gft_1', idempotencyKey: 'g1' });
    await ledger.capture(db, hold.id, { toUserId: USERS['token-ben'] });
    expect((await app.inject({ method: 'GET', url: '/api/v1/wallet', headers: auth('token-ana') })).json<Wallet>()).toEqual({ coins: 34, diamonds: 0, heldCoins: 30 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/wallet', headers: auth('token-ben') })).json<Wallet>()).toEqual({ coins: 0, diamonds: 27, heldCoins: 0 });

    const page1 = (await app.inject({ method: 'GET', url: '/api/v1/wallet/entries?limit=3', headers: auth('token-ana') })).json<WalletEntryPage>();
    expect(page1.entries.map((e) => [e.amount, e.source.split(':')[0], e.counterparty])).toEqual([
      [-36, 'gift', 'Held'],
      [-30, 'order', 'Held'],
      [60, 'top_up', 'Top-up'],
    ]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await app.inject({ method: 'GET', url: `/api/v1/wallet/entries?limit=3&cursor=${page1.nextCursor}`, headers: auth('token-ana') })).json<WalletEntryPage>();
    expect(page2).toEqual({ entries: [expect.objectContaining({ amount: 40, currency: 'coin' })], nextCursor: null });
    const ben = (await app.inject({ method: 'GET', url: '/api/v1/wallet/entries', headers: auth('token-ben') })).json<WalletEntryPage>();
    expect(ben.entries).toEqual([expect.objectContaining({ amount: 27, currency: 'diamond', source: 'gift:gft_1', counterparty: 'Exchange' })]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/wallet/entries?cursor=abc', headers: auth('token-ana') })).statusCode).toBe(400);
  });
});

test('a declining payment provider answers 402 payment_declined and credits nothing', async () => {
  const db = await openLedgerTestDb();
  const { app } = await walletApp(db, { decline: true });
  try {
    const res = await app.inject({ method: 'POST', url: '/api/v1/wallet/top-up', headers: auth('token-ana'), payload: { coins: 10, idempotencyKey: 'declined-1' } });
    expect(res.statusCode).toBe(402);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('payment_declined');
    expect((await app.inject({ method: 'GET', url: '/api/v1/wallet', headers: auth('token-ana') })).json<Wallet>().coins).toBe(0);
    expect(await checkLedger(db)).toMatchObject({ ok: true, transfers: 0 });
  } finally {
    await app.close();
    await db.destroy();
  }
});
