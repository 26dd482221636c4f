import type { FileStore } from '@tus/file-store';
import type { ScryptCost } from './auth/password';
import type { Authenticator } from './auth/authenticator';
import type { Db } from './db/database';
import type { EventsHub } from './events-hub';
import type { RouteOptions } from './http/route';
import type { MediaTools } from './media/tools';
import type { AnchorsRepository } from './repositories/anchors-repository';
import type { ItemsRepository } from './repositories/items-repository';
import type { SessionsRepository } from './repositories/sessions-repository';
import type { UsersRepository } from './repositories/users-repository';
import type { VideosRepository } from './repositories/videos-repository';

/** What the route modules receive: every resource owner, built once in app.ts. */
export interface PlatformContext {
  readonly db: Db;
  readonly now: () => number;
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly items: ItemsRepository;
  readonly videos: VideosRepository;
  readonly anchors: AnchorsRepository;
  readonly authenticator: Authenticator;
  readonly route: RouteOptions;
  readonly events: EventsHub;
  readonly uploadStore: FileStore;
  readonly dirs: { readonly uploads: string; readonly media: string };
  readonly tools: MediaTools | null;
  readonly scryptCost: ScryptCost;
  readonly maxUploadBytes: number;
}
