import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores; argon2 and the stack's processes are CPU-bound.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Components against real stores they start themselves (PostgreSQL, Redis, the Mongo server).
          include: ['platform/**/*.test.ts', 'subgraphs/**/*.test.ts', 'providers/**/*.test.ts', 'gateway/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          // The whole supergraph is started once (real PostgreSQL, Redis, gateway over HTTP).
          globalSetup: ['test/harness/global-setup.ts'],
        },
      },
    ],
  },
});
