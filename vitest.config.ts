import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: leak and socket tests measure their own process, so keep files from crowding each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
