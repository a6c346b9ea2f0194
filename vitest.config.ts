import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration tests start their own local cloud (Java, servers): give them room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run files in two forks so DynamoDB Local instances don't starve each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
