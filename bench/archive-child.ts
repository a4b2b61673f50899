import { readFileSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { benchProfile } from './bench-profile'
import { packInWorker } from '../electron/services/archive/pack-in-worker'

/** Runs in its own process so its peak memory is its own: one archive of the profile, timed, made as the app makes it (on the packing thread, started by the call). */
async function main(): Promise<void> {
  const [userDataDir, tempRoot, output, format] = process.argv.slice(2) as [string, string, string, 'zip' | 'tgz']
  const profile = benchProfile(userDataDir)
  const start = performance.now()
  const archive = await packInWorker({ profile, format, tempRoot, sourceOs: 'linux' })
  const archiveMs = performance.now() - start
  await rename(archive.file, output)
  await archive.dispose()
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
  console.log(JSON.stringify({ archiveMs, size: archive.sizeBytes, peakMb: peakKb / 1024 }))
}

void main()
