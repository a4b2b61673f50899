import { defineConfig } from 'vitest/config'

/** The Windows run (scripts/test-windows.mjs starts it): the built CLI under Wine, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/windows/**/*.wine.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000
  }
})
