import type { Generated, Kysely } from 'kysely';

export interface EventLogTable {
  /** Increasing, and committed in increasing order (see EventLog.publish). */
  id: Generated<number>;
  topic: string;
  type: string;
  /** JSON object. */
  data: string;
  at: number;
}

export interface EventTables {
  event_log: EventLogTable;
}

/** Any Kysely database or transaction of the platform (Kysely's types are invariant in the schema). */
export type EventExecutor = Pick<Kysely<object>, 'isTransaction'>;

export function eventDb(db: EventExecutor): Kysely<EventTables> {
  return db as unknown as Kysely<EventTables>;
}
