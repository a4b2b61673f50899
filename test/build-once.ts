import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * vitest's global setup: the boot and packaged-layout tests read the built bundles in out/, so they
 * are built once, from the sources under test, before any test file runs.
 */
export default function buildOnce(): void {
  execFileSync(process.execPath, [join(__dirname, '../node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: join(__dirname, '..'),
    stdio: 'pipe'
  })
}
