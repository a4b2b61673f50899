import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{electron,shared,server,test}/**/*.test.ts'],
    globalSetup: ['test/build-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
