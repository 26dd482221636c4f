import type { FastifyPluginAsync } from 'fastify';
import { walletRoutes } from '@shared/protocol/wallet';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import { ledgerRefusals, type WalletService } from './service';

export interface WalletOptions {
  readonly route: RouteOptions;
  readonly wallet: WalletService;
}

/** The caller's wallet: balances, statement, top-up. */
export const walletFeature: FastifyPluginAsync<WalletOptions> = async (app, { route, wallet }) => {
  addRoute(app, route, walletRoutes.wallet, ({ session }) => wallet.wallet(session.user.id));

  addRoute(app, route, walletRoutes.walletEntries, ({ session, query }) => wallet.entries(session.user.id, query));

  addRoute(app, route, walletRoutes.topUp, async ({ session, body, setStatus }) => {
    const result = await ledgerRefusals(wallet.topUp(session.user.id, body.coins, body.idempotencyKey));
    if (result.replayed) setStatus(200);
    return { topUpId: result.topUpId, transferId: result.transferId, coins: result.coins, wallet: await wallet.wallet(session.user.id) };
  });
};
