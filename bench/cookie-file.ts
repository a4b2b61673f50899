import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DetectedProfile } from '../shared/domain/detected-profile'
import { benchProfile } from './bench-profile'
import { packInWorker } from '../electron/services/archive/pack-in-worker'
import { readCookieFile } from '../electron/services/live/cookie-file'
import { portabilityStep } from '../electron/services/portability/make-portable'
import { chromiumTree } from '../test/fixtures/browser-trees'
import { writeCookiesDb } from '../test/fixtures/cookies-db'
import { report } from './report'

/** Few hosts on purpose: a delete per cookie on part of the unique index rescanned a host's rows each time. */
const HOSTS = ['app.few-hosts.com', '.few-hosts.com', 'api.few-hosts.com']

async function cookieFile(path: string, count: number): Promise<void> {
  const expires = Math.floor(Date.now() / 1000) + 86_400
  const lines = ['# Netscape HTTP Cookie File']
  for (let i = 0; i < count; i++) {
    const host = HOSTS[i % HOSTS.length] ?? ''
    lines.push([host, host.startsWith('.') ? 'TRUE' : 'FALSE', '/', 'TRUE', expires, `c${i}`, randomBytes(16).toString('hex')].join('\t'))
  }
  await writeFile(path, `${lines.join('\n')}\n`)
}

/** From the file to a packed archive with its sign-ins written in, on the packing thread as the app does: what `porter import --cookies FILE` spends on them. */
async function importMs(profile: DetectedProfile, file: string, tempRoot: string): Promise<{ wall: number; cpu: number }> {
  const start = performance.now()
  const cpu = process.cpuUsage()
  const cookies = await readCookieFile(file)
  const archive = await packInWorker({
    profile,
    format: 'tgz',
    tempRoot,
    sourceOs: 'linux',
    choice: { mode: 'everything' },
    makePortable: portabilityStep({ sourceOs: 'linux', sources: {} }),
    supplied: { via: 'file', cookies }
  })
  const elapsed = { wall: performance.now() - start, cpu: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu)) }
  await archive.dispose()
  return elapsed
}

/**
 * A supplied cookie file of 10k and of 100k rows on three hosts, over a profile that already holds
 * some of the same cookies: median of three imports each; the ratio shows whether time grows with
 * the rows (10×) or faster.
 */
export async function benchCookieFile(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'porter-bench-cookie-file-'))
  try {
    const userDataDir = join(work, 'udd')
    await chromiumTree(userDataDir, { profiles: [{ folder: 'Default', name: 'Bench' }] })
    await writeCookiesDb(
      join(userDataDir, 'Default/Network/Cookies'),
      Array.from({ length: 3000 }, (_, i) => ({ host: HOSTS[i % HOSTS.length] ?? '', name: `c${i}`, value: 'on-disk' }))
    )
    const profile = benchProfile(userDataDir)
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
    const figures: Record<number, { wall: number; cpu: number }> = {}
    for (const count of [10_000, 100_000]) {
      const file = join(work, `cookies-${count}.txt`)
      await cookieFile(file, count)
      const runs: Array<{ wall: number; cpu: number }> = []
      for (let i = 0; i < 3; i++) runs.push(await importMs(profile, file, work))
      figures[count] = { wall: median(runs.map((run) => run.wall)), cpu: median(runs.map((run) => run.cpu)) }
    }
    report('cookie_file_10k_ms', figures[10_000]?.wall ?? 0, 'ms')
    report('cookie_file_100k_ms', figures[100_000]?.wall ?? 0, 'ms')
    // Processor time beside it: on a shared machine the wall clock also counts other programs' turns.
    report('cookie_file_100k_cpu_ms', figures[100_000]?.cpu ?? 0, 'ms')
    // The growth from 10k to 100k rows in processor time (10× is linear); the wall clock's beside it.
    report('cookie_file_100k_over_10k', (figures[100_000]?.cpu ?? 0) / (figures[10_000]?.cpu ?? 1), 'x')
    report('cookie_file_100k_over_10k_wall', (figures[100_000]?.wall ?? 0) / (figures[10_000]?.wall ?? 1), 'x')
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
