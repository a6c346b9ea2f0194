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
    // Node 20 here (Lambda runs 24): the SDK's upgrade notice is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
