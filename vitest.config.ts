import os from 'node:os'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Unit tests sit next to their code; integration tests live in tests/integration. No Remix plugin here:
// integration tests drive the built server (see tests/integration/harness.ts).
export default defineConfig({
  resolve: { conditions: ['node'] },
  test: {
    include: [
      'app/**/*.test.{ts,tsx}',
      'db/**/*.test.ts',
      'server/**/*.test.ts',
      'emails/**/*.test.{ts,tsx}',
      'tests/integration/**/*.test.ts',
    ],
    globalSetup: ['tests/integration/global-setup.ts'],
    setupFiles: ['tests/integration/setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      TRUST_PROXY: 'true',
      // Tests run due jobs themselves (drainJobs), so no background loop races them.
      JOB_RUNNER: 'off',
      // Stored documents and prepared downloads of test runs stay out of the working tree.
      DATA_DIR: path.join(os.tmpdir(), 'tandem-vitest-data'),
    },
  },
})
