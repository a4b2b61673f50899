import { defineConfig } from '@playwright/test'

/** Debian's Chromium, never a downloaded browser; flags keep it off the closed network. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic'
]

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  reporter: process.env['CI'] ? [['list']] : [['list']],
  timeout: 60_000,
  workers: 2,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: chromiumArgs
    },
    trace: 'retain-on-failure'
  }
})
