import { readFileSync } from 'node:fs'
import { benchProfile } from './bench-profile'
import { packInWorker } from '../electron/services/archive/pack-in-worker'
import { listSites } from '../electron/services/sites/inventory'

/** Runs in its own process so its peak memory is its own: the site list, then an archive of chosen sites. */
async function main(): Promise<void> {
  const [userDataDir, tempRoot] = process.argv.slice(2) as [string, string]
  const profile = benchProfile(userDataDir)
  const start = performance.now()
  await listSites(profile, Date.now())
  const archive = await packInWorker({
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
