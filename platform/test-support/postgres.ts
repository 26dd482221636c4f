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

/** CREATE DATABASE with a unique name in the run's cluster; returns its URL. */
export async function testDatabaseUrl(): Promise<string> {
  const admin = await adminUrl();
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
