import type { Kysely } from 'kysely';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { digitsFromBytes, formatCode, parseCode, CODE_RANDOM_DIGITS } from '@shared/domain/gifts/codes';
import type { GiftItem, Redemption } from '@shared/protocol/gifts';
import { toSafeInteger } from '../../kernel/db/numbers';
import { transaction, type Executor } from '../../kernel/db/transaction';
import { ApiError } from '../../kernel/http/api-error';

interface MerchantCodesTable {
  code_hash: string;
  gift_id: string;
  item: string;
  issued_at: number;
  expires_at: number;
  redeemed_at: number | null;
}
type MerchantTables = { merchant_codes: MerchantCodesTable };
export type MerchantExecutor = Pick<Kysely<object>, 'isTransaction'>;
const merchantDb = (db: MerchantExecutor): Kysely<MerchantTables> => db as unknown as Kysely<MerchantTables>;

const hashCode = (normalised: string): string => createHash('sha256').update(normalised).digest('hex');

/** What the gifts feature uses: issue a gift's code (in the gift's transaction), redeem it for the streamer. */
export interface CodeIssuer {
  issue(trx: MerchantExecutor, request: Readonly<{ giftId: string; prefix: string; item: GiftItem; expiresAt: number }>): Promise<string>;
  redeemGift(giftId: string, trx?: MerchantExecutor): Promise<Redemption>;
}

/**
 * The built-in sandbox merchant: it honours codes the platform issued, once each, until they
 * expire. Only a code's hash is stored; the plain code exists in the unlock answer alone.
 */
export class SandboxMerchant implements CodeIssuer {
  constructor(private readonly deps: Readonly<{ db: Executor; now: () => number; key: string }>) {}

  /** Constant-time check of an `Authorization: Bearer <merchant key>` header. */
  authorised(header: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return false;
    const given = createHash('sha256').update(match[1]!).digest();
    return timingSafeEqual(given, createHash('sha256').update(this.deps.key).digest());
  }

  async issue(trx: MerchantExecutor, request: Readonly<{ giftId: string; prefix: string; item: GiftItem; expiresAt: number }>): Promise<string> {
    let digits: string | null = null;
    while (digits === null) digits = digitsFromBytes(randomBytes(CODE_RANDOM_DIGITS + 8), CODE_RANDOM_DIGITS);
    const code = formatCode(request.prefix, digits);
    const parsed = parseCode(code);
    if (!parsed.ok) throw new Error(`issued an unreadable code: ${parsed.reason}`);
    await merchantDb(trx)
      .insertInto('merchant_codes')
      .values({ code_hash: hashCode(parsed.normalised), gift_id: request.giftId, item: JSON.stringify(request.item), issued_at: this.deps.now(), expires_at: request.expiresAt, redeemed_at: null })
      .execute();
    return code;
  }

  /** A code as typed by a person or another system: malformed → 400, unknown → 404, used → 409, expired → 410. */
  async redeem(input: string): Promise<Redemption> {
    const parsed = parseCode(input);
    if (!parsed.ok) throw new ApiError('code_malformed', parsed.reason);
    return this.redeemWhere('code_hash', hashCode(parsed.normalised));
  }

  redeemGift(giftId: string, trx?: MerchantExecutor): Promise<Redemption> {
    return this.redeemWhere('gift_id', giftId, trx);
  }

  private async redeemWhere(column: 'code_hash' | 'gift_id', value: string, trx?: MerchantExecutor): Promise<Redemption> {
    const at = this.deps.now();
    return transaction((trx ?? this.deps.db) as Executor, async (t) => {
      const db = merchantDb(t);
      // The conditional UPDATE is the single-use gate: of any number of concurrent attempts exactly one sees it unredeemed.
      const won = await db
        .updateTable('merchant_codes')
        .set({ redeemed_at: at })
        .where(column, '=', value)
        .where('redeemed_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['item'])
        .executeTakeFirst();
      if (won) return { item: JSON.parse(won.item) as GiftItem, redeemedAt: at };
      const row = await db.selectFrom('merchant_codes').selectAll().where(column, '=', value).executeTakeFirst();
      if (!row) throw new ApiError('code_unknown', 'This merchant issued no such code');
      if (row.redeemed_at !== null) throw new ApiError('code_used', `This code was already redeemed (${new Date(toSafeInteger(row.redeemed_at)).toISOString()})`);
      throw new ApiError('code_expired', `This code expired on ${new Date(toSafeInteger(row.expires_at)).toISOString()}`);
    });
  }
}

/** The merchant key: configured, else 256 random bits for this run (printed once at start by the caller). */
export function merchantKeyFrom(configured: string | undefined): { readonly key: string; readonly generated: boolean } {
  if (configured !== undefined && configured.length > 0) {
    if (configured.length < 16) throw new Error('the sandbox merchant key needs at least 16 characters');
    return { key: configured, generated: false };
  }
  return { key: `mk_${randomBytes(32).toString('base64url')}`, generated: true };
}
