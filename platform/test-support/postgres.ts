/**
 * A throwaway PostgreSQL for tests — for every engineer's tests, not only the platform's:
 *
 *   import { testDatabaseUrl } from '<…>/platform/test-support/postgres';
 *   const url = await testDatabaseUrl();   // a fresh, empty database of its own on 127.0.0.1
 *
 * In the `platform-pg` vitest project one cluster is started per run (globalSetup:
 * postgres-global-setup.ts) and each call creates a database in it; anywhere else the first call
 * starts a cluster for the calling test file and stops it when the process exits.
 *
 * The cluster comes from Debian's `postgresql` package (scripts/ensure-test-deps.mjs installs it):
 * initdb + pg_ctl in a temp dir, listening on 127.0.0.1 only, at a free port, with trust auth (it is
 * reachable only from this machine and lives for one test run). initdb refuses to run as root, so as
 * root the cluster runs as the `postgres` user through runuser, its directory chowned to it.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

export { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    platformPgAdminUrl?: string;
  }
}

let counter = 0;
let local: Promise<PostgresCluster> | null = null;

function adminUrl(): Promise<string> {
  let provided: string | undefined;
  try {
    provided = inject('platformPgAdminUrl');
  } catch {
    provided = undefined; // not inside a vitest worker
  }
  if (provided) return Promise.resolve(provided);
  local ??= startPostgresCluster().then((cluster) => {
    process.once('exit', () => cluster.stop());
    return cluster;
  });
  return local.then((c) => c.adminUrl);
}

async function withAdmin<T>(admin: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(admin: string, name: string): string {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** CREATE DATABASE with a unique name in the run's cluster; returns its URL. */
export async function testDatabaseUrl(): Promise<string> {
  const admin = await adminUrl();
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  return databaseUrl(admin, name);
}

const templates = new Map<string, Promise<string>>();

/**
 * Like testDatabaseUrl, but the new database is already as `prepare` leaves an empty one (migrated,
 * say): a copy (CREATE DATABASE … TEMPLATE) of one database that `prepare` ran on once per cluster
 * and `key`. Copying took ~0.2 s where the platform's migrations took 1–4 s, for every test platform.
 * The first test process to need a template builds it under an advisory lock; the others wait for it.
 */
export async function preparedTestDatabaseUrl(key: string, prepare: (url: string) => Promise<void>): Promise<string> {
  const admin = await adminUrl();
  let template = templates.get(key);
  if (template === undefined) {
    template = ensureTemplate(admin, key, prepare);
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  const from = await template;
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${from}`));
  return databaseUrl(admin, name);
}

function ensureTemplate(admin: string, key: string, prepare: (url: string) => Promise<void>): Promise<string> {
  const name = `tpl_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  return withAdmin(admin, async (client) => {
    // Held until this session ends (client.end()), so one process builds the template and the others find it built.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      // Built under another name and renamed once complete: a half-prepared template is never copied.
      const building = `${name}_${process.pid}`;
      await client.query(`DROP DATABASE IF EXISTS ${building}`);
      await client.query(`CREATE DATABASE ${building}`);
      await prepare(databaseUrl(admin, building));
      await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
    return name;
  });
}
