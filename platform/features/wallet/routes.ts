import type { FastifyPluginAsync } from 'fastify';
import { walletRoutes } from '@shared/protocol/wallet';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import { LedgerError } from './ledger-error';
import type { WalletService } from './service';

export interface WalletOptions {
  readonly route: RouteOptions;
  readonly wallet: WalletService;
}

/** The caller's wallet: balances, statement, top-up. */
export const walletFeature: FastifyPluginAsync<WalletOptions> = async (app, { route, wallet }) => {
  addRoute(app, route, walletRoutes.wallet, ({ session }) => wallet.wallet(session.user.id));

  addRoute(app, route, walletRoutes.walletEntries, ({ session, query }) => wallet.entries(session.user.id, query));

  addRoute(app, route, walletRoutes.topUp, async ({ session, body, setStatus }) => {
    const result = await asApiError(wallet.topUp(session.user.id, body.coins, body.idempotencyKey));
    if (result.replayed) setStatus(200);
    return { topUpId: result.topUpId, transferId: result.transferId, coins: result.coins, wallet: await wallet.wallet(session.user.id) };
  });
};

/** The ledger's refusals as the protocol's errors. */
export async function asApiError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    switch (error.code) {
      case 'insufficient_funds':
      case 'idempotency_conflict':
      case 'hold_settled':
      case 'not_found':
      case 'payment_declined':
        throw new ApiError(error.code, error.message);
      case 'unbalanced':
        throw new ApiError('bad_request', error.message);
      default: {
        const unreachable: never = error.code;
        throw unreachable;
      }
    }
  }
}
