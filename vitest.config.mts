import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{electron,shared,server,test}/**/*.test.ts'],
    globalSetup: ['test/build-once.ts'],
    // Most tests wait on child processes, sockets and Chromium, not on the CPU: on two cores, two
    // files at a time finish far sooner than vitest's default of one (cores - 1).
    maxWorkers: 2,
    // Budgets, not expectations: a loaded machine may run a CLI test's several processes slowly.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
