import { z } from 'zod';
import { User, type LoginRequest, type RegisterRequest } from '@shared/protocol/index';
import { callRoute, PlatformError } from './platform-http';
import type { SecretStore } from './secret-store';
import type { SyncAuth } from './sync-service';

const StoredSession = z.object({ token: z.string().min(1), user: User, expiresAt: z.number().int() });
type StoredSession = z.output<typeof StoredSession>;

export type AccountState = { readonly signedIn: false; readonly reason: string | null } | { readonly signedIn: true; readonly user: User; readonly expiresAt: number };

export interface AccountClientOptions {
  readonly platformUrl: () => string;
  readonly store: SecretStore;
  readonly now?: () => number;
}

/**
 * The studio's platform account: register, sign in, sign out. The session lives only in the
 * injected secret store and in this object (main side), never in the renderer. It doubles as the
 * sync module's token source: a 401 there signs the user out here with a reason to show.
 */
export class PlatformAccountClient implements SyncAuth {
  private session: StoredSession | null = null;
  private reason: string | null = null;
  /** The store write of the last sign-out, so callers can wait for it to be on disk. */
  private clearing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(state: AccountState) => void>();
  private readonly now: () => number;

  constructor(private readonly options: Readonly<AccountClientOptions>) {
    this.now = options.now ?? (() => Date.now());
  }

  /** Reads the stored session; a corrupt or expired one is dropped. */
  async load(): Promise<AccountState> {
    const text = await this.options.store.read();
    const parsed = text === null ? null : StoredSession.safeParse(safeJson(text));
    this.session = parsed?.success && parsed.data.expiresAt > this.now() ? parsed.data : null;
    if (text !== null && !this.session) await this.options.store.clear();
    return this.state();
  }

  state(): AccountState {
    return this.session ? { signedIn: true, user: this.session.user, expiresAt: this.session.expiresAt } : { signedIn: false, reason: this.reason };
  }

  onChange(listener: (state: AccountState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  token(): string | null {
    if (this.session && this.session.expiresAt <= this.now()) return null;
    return this.session?.token ?? null;
  }

  async register(input: RegisterRequest): Promise<AccountState> {
    return this.begin(await callRoute({ baseUrl: this.options.platformUrl() }, 'register', { body: input }));
  }

  async login(input: LoginRequest): Promise<AccountState> {
    return this.begin(await callRoute({ baseUrl: this.options.platformUrl() }, 'login', { body: input }));
  }

  /** Signs out locally even when the platform cannot be reached: the user asked to be signed out. */
  async logout(): Promise<AccountState> {
    const token = this.session?.token;
    this.session = null;
    this.reason = null;
    await this.options.store.clear();
    if (token) {
      await callRoute({ baseUrl: this.options.platformUrl(), token: () => token }, 'logout').catch((error: unknown) => {
        if (!(error instanceof PlatformError) || error.status !== 401) return; // already ended there
      });
    }
    return this.changed();
  }

  /** Confirms the session with the platform (GET /me); a refused token signs out. */
  async refresh(): Promise<AccountState> {
    const token = this.session?.token;
    if (!token) return this.state();
    try {
      const { user } = await callRoute({ baseUrl: this.options.platformUrl(), token: () => token }, 'me');
      if (this.session) this.session = { ...this.session, user };
      return this.changed();
    } catch (error) {
      if (error instanceof PlatformError && error.status === 401) {
        this.rejected(error.message);
        await this.clearing;
        return this.state();
      }
      throw error;
    }
  }

  rejected(reason: string): void {
    this.session = null;
    this.reason = reason;
    // SyncAuth.rejected is synchronous (called from the sync loop); the file removal completes behind it.
    this.clearing = this.options.store.clear().catch(() => undefined);
    this.changed();
  }

  private async begin(session: StoredSession): Promise<AccountState> {
    this.session = session;
    this.reason = null;
    await this.options.store.write(JSON.stringify(session));
    return this.changed();
  }

  private changed(): AccountState {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
    return state;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
