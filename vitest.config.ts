import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    env: { TZ: 'UTC', SOURCE_DATE_EPOCH: '1645056000' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
