import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DetectedProfile } from '../shared/domain/detected-profile'
import { HashingFileSink } from '../electron/services/archive/hashing-sink'
import { listStaged, stageProfile } from '../electron/services/archive/stage'
import { writeTarGz } from '../electron/services/archive/tar-writer'
import { writeZip } from '../electron/services/archive/zip-writer'

/** Runs in its own process so its peak memory is its own: stage, then archive, each timed. */
async function main(): Promise<void> {
  const [userDataDir, stagingDir, output, format] = process.argv.slice(2) as [string, string, string, 'zip' | 'tgz']
  const profile: DetectedProfile = {
    ref: 'bench:Default', browserId: 'chrome', browserName: 'Google Chrome', family: 'chromium', channel: 'stable', packaging: 'native',
    userDataDir, profileDir: join(userDataDir, 'Default'), folderName: 'Default', name: 'Bench', running: 'not-running'
  }
  const stageStart = performance.now()
  await stageProfile(profile, stagingDir)
  const entries = await listStaged(stagingDir)
  const stageMs = performance.now() - stageStart
  const archiveStart = performance.now()
  const sink = await HashingFileSink.open(output)
  if (format === 'zip') await writeZip(entries, sink)
  else await writeTarGz(entries, sink)
  const { size } = await sink.close()
  const archiveMs = performance.now() - archiveStart
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
  console.log(JSON.stringify({ stageMs, archiveMs, size, peakMb: peakKb / 1024, entries: entries.length }))
}

void main()
