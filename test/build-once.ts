import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * vitest's global setup: the boot and packaged-layout tests read the built bundles in out/, so they
 * are built once, from the sources under test, before any test file runs. `npm test` runs Playwright
 * right after on this same build (the renderer in out/), rather than building a second time.
 */
export default function buildOnce(): void {
  execFileSync(process.execPath, [join(__dirname, '../node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: join(__dirname, '..'),
    stdio: 'pipe'
  })
}
