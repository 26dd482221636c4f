import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster';

/** vitest globalSetup of the `platform-pg` project: one PostgreSQL cluster for the whole run. */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide('platformPgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
