import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { pathAliases } from './path-aliases.config.mjs';

const resolve = { alias: pathAliases(fileURLToPath(new URL('.', import.meta.url))) };

export default defineConfig({
  test: {
    // vitest's default is one worker per CPU less one: a single worker on CI's 2 cores, which then
    // idles while its test waits on PostgreSQL, ffmpeg or a socket. Two test files at a time there took
    // 8 platform-pg files from 310 s to 117 s on the shared 2-core machine (e2e stays one file at a time).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'platform/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'viewer/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // As platform-pg's: a beforeAll that builds a platform ran past the 10 s default on the shared machine (load ~20, two workers).
          hookTimeout: 30_000,
        },
      },
      {
        // The platform's repository and route tests again, on a real PostgreSQL server: one throwaway
        // cluster per run (globalSetup), one database per test platform (test-support/postgres.ts).
        resolve,
        test: {
          name: 'platform-pg',
          include: ['platform/**/*.test.ts'],
          // No database in these (argument parsing, range headers, nginx's config), SQLite on purpose (the studio's embedded platform),
          // or about a child process rather than the database (nginx + ffmpeg; the live routes run here in live-stream/routes.test.ts).
          exclude: [
            'platform/embedded.test.ts',
            'platform/kernel/config.test.ts',
            'platform/features/videos/media-routes.test.ts',
            'platform/features/live-stream/nginx-config.test.ts',
            'platform/features/live-stream/nginx-live.test.ts',
          ],
          environment: 'node',
          env: { PLATFORM_TEST_DB: 'postgres' },
          globalSetup: ['platform/test-support/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
