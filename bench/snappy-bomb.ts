import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromiumTree } from '../test/fixtures/browser-trees'
import { writeCookiesDb } from '../test/fixtures/cookies-db'
import { indexBombStore, snappyBombStore } from '../test/fixtures/hostile-leveldb'
import { bundleForBench } from './bundle'
import { report } from './report'

const run = promisify(execFile)

/** A profile whose Local Storage is a crafted store, listed and packed with one site chosen, in a process of its own. */
async function packHostile(child: string, work: string, name: string, make: (dir: string) => Promise<void>) {
  const userDataDir = join(work, name)
  await chromiumTree(userDataDir, { profiles: [{ folder: 'Default', name: 'Bench' }] })
  await writeCookiesDb(join(userDataDir, 'Default/Network/Cookies'), [{ host: 'app.crm-alpha.com', name: 'sid', value: 'x' }])
  await make(join(userDataDir, 'Default/Local Storage/leveldb'))
  const { stdout } = await run(process.execPath, [child, userDataDir, work], { maxBuffer: 1024 * 1024, timeout: 600_000 })
  return JSON.parse(stdout) as { elapsedMs: number; peakMb: number; notes: string[] }
}

/**
 * Hostile Local Storage (target: peak ≤ 200 MB, the store skipped with a note): a 233-byte snappy
 * block that claims 1 GiB, and an index that names one honest block 200,000 times.
 */
export async function benchSnappyBomb(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'porter-bench-snappy-'))
  try {
    const child = await bundleForBench('snappy-bomb-child.ts')
    const bomb = await packHostile(child, work, 'bomb', (dir) => snappyBombStore(dir))
    report('snappy_bomb_peak_rss', bomb.peakMb, 'MB')
    report('snappy_bomb_ms', bomb.elapsedMs, 'ms')
    report('snappy_bomb_skipped_with_note', bomb.notes.some((note) => note.startsWith('Local Storage could not be read')) ? 1 : 0, 'bool')
    const index = await packHostile(child, work, 'index', (dir) => indexBombStore(dir))
    report('snappy_index_bomb_peak_rss', index.peakMb, 'MB')
    report('snappy_index_bomb_ms', index.elapsedMs, 'ms')
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
