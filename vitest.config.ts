import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Set-up hooks write real heap snapshots from child processes (3 at once in diff-three): seconds alone,
    // past 30 s once on a loaded machine.
    hookTimeout: 90_000,
    // Two cores: leak and socket tests measure their own process, so keep files from crowding each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
