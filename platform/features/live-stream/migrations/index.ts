import type { Migration } from 'kysely/migration';
import { migration0440RoomStreams } from './0440-room-streams';

/** The live stream feature's migrations (0440–0449 of the live rooms range 0400–0499). */
export const liveStreamMigrations: Readonly<Record<string, Migration>> = {
  '0440-room-streams': migration0440RoomStreams,
};
