import os from 'node:os'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Two projects: unit tests sit next to their code (no database); integration tests live in tests/integration and
// drive the built server (see tests/integration/harness.ts), on the database global-setup prepares. No Remix plugin.
export default defineConfig({
  resolve: { conditions: ['node'] },
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'app/**/*.test.{ts,tsx}',
            'db/**/*.test.ts',
            'server/**/*.test.ts',
            'config/**/*.test.ts',
            'emails/**/*.test.{ts,tsx}',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          setupFiles: ['tests/integration/setup.ts'],
        },
      },
    ],
  },
})
