import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DetectedProfile } from '../shared/domain/detected-profile'
import { createProfileArchive } from '../electron/services/archive/create-archive'
import { listSites } from '../electron/services/sites/inventory'

/** Runs in its own process so its peak memory is its own: the site list, then an archive of chosen sites. */
async function main(): Promise<void> {
  const [userDataDir, tempRoot] = process.argv.slice(2) as [string, string]
  const profile: DetectedProfile = {
    ref: 'bench:Default',
    browserId: 'chrome',
    browserName: 'Google Chrome',
    family: 'chromium',
    channel: 'stable',
    packaging: 'native',
    userDataDir,
    profileDir: join(userDataDir, 'Default'),
    folderName: 'Default',
    name: 'Bench',
    running: 'not-running'
  }
  const start = performance.now()
  await listSites(profile, Date.now())
  const archive = await createProfileArchive({
    profile,
    format: 'tgz',
    tempRoot,
    sourceOs: 'linux',
    choice: { mode: 'sites', sites: ['app.crm-alpha.com'] }
  })
  const elapsedMs = performance.now() - start
  await archive.dispose()
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
  console.log(JSON.stringify({ elapsedMs, peakMb: peakKb / 1024, notes: archive.manifest.notes ?? [] }))
}

void main()
