// Browser and Java tests: `npm run test:browser` (compiles first). Write them
// as test/browser/*.test.mjs, which `npm test` (test/**/*.test.ts) does not
// pick up, so that it stays fast; *.test.ts files here run in both suites
// until vitest.config.ts excludes test/browser/**.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.test.mjs', 'test/browser/**/*.test.ts'],
    env: { TZ: 'UTC', SOURCE_DATE_EPOCH: '1645056000' },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
