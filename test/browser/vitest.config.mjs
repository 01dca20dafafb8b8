// Browser and Java tests: `npm run test:browser` (compiles first). Kept out of
// `npm test` (whose config only picks up test/**/*.test.ts) to keep it fast.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.test.mjs'],
    env: { TZ: 'UTC', SOURCE_DATE_EPOCH: '1645056000' },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
