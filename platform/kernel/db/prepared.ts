import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { executeCompiled } from './sqlite-direct';

/** Stands in for an argument while the query is built; replaced by the argument's value at each run. */
class Placeholder {
  constructor(readonly name: string) {}
}

interface Compiled {
  readonly query: CompiledQuery;
  /** For each parameter of the compiled SQL: the argument it takes, or the constant it was built with. */
  readonly slots: readonly (Placeholder | { readonly constant: unknown })[];
}

/**
 * A Kysely query built and compiled once per dialect, then run with new arguments: on the ledger's
 * hot path building and compiling a query cost more CPU than SQLite took to run it. `build` is
 * ordinary Kysely code whose arguments are placeholders (`args.x` stands for the `x` given to
 * `execute`); it must not branch on their values, since it runs only once.
 */
export class PreparedQuery<DB, A extends object, R> {
  // Keyed by the dialect's adapter (one object per Kysely instance, shared by its transactions).
  private readonly compiled = new WeakMap<object, Compiled>();

  constructor(private readonly build: (db: Kysely<DB>, args: A) => Compilable<R>) {}

  async execute(db: Kysely<DB>, args: A): Promise<QueryResult<R>> {
    const adapter = db.getExecutor().adapter;
    const { query, slots } = this.compiledFor(db, adapter);
    const parameters = slots.map((slot) => {
      if (!(slot instanceof Placeholder)) return slot.constant;
      const value = (args as Record<string, unknown>)[slot.name];
      if (value === undefined) throw new Error(`prepared query: no value for ${slot.name}`);
      return value;
    });
    return executeCompiled(db, { ...query, parameters } as CompiledQuery<R>, adapter);
  }

  async executeTakeFirst(db: Kysely<DB>, args: A): Promise<R | undefined> {
    return (await this.execute(db, args)).rows[0];
  }

  /** The SQL it runs on `db`'s dialect. */
  compiledSql(db: Kysely<DB>): string {
    return this.compiledFor(db, db.getExecutor().adapter).query.sql;
  }

  private compiledFor(db: Kysely<DB>, adapter: object): Compiled {
    let compiled = this.compiled.get(adapter);
    if (!compiled) {
      const args = new Proxy({} as A, { get: (_target, name) => (typeof name === 'string' ? new Placeholder(name) : undefined) });
      const query = this.build(db, args).compile();
      compiled = { query, slots: query.parameters.map((p) => (p instanceof Placeholder ? p : { constant: p })) };
      this.compiled.set(adapter, compiled);
    }
    return compiled;
  }
}

/** `prepared<Tables, { id: string }>()((db, a) => db.selectFrom('t').selectAll().where('id', '=', a.id))`. */
export function prepared<DB, A extends object>() {
  return <R>(build: (db: Kysely<DB>, args: A) => Compilable<R>): PreparedQuery<DB, A, R> => new PreparedQuery(build);
}
