import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectProfiles } from '../electron/services/browsers/detect'
import { processAlive } from '../electron/services/browsers/running'
import { chromiumTree, firefoxTree } from '../test/fixtures/browser-trees'
import { report } from './report'

/** Listing 6 browsers × 5 profiles (target ≤ 200 ms): the median of 15 runs after a warm-up. */
export async function benchDetect(): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'porter-bench-detect-'))
  try {
    const five = Array.from({ length: 5 }, (_, i) => ({
      folder: i === 0 ? 'Default' : `Profile ${i}`,
      name: `Person ${i}`,
      email: `p${i}@example.com`
    }))
    for (const dir of ['google-chrome', 'chromium', 'microsoft-edge', 'BraveSoftware/Brave-Browser', 'vivaldi']) {
      await chromiumTree(join(home, '.config', dir), { profiles: five, lastVersion: '131.0.0.0' })
    }
    await firefoxTree(
      join(home, '.mozilla/firefox'),
      five.map((p, i) => ({ name: p.name, path: `x${i}.p${i}` }))
    )
    const facts = { platform: 'linux' as const, home, env: {}, hostname: 'bench', isAlive: processAlive }
    const count = (await detectProfiles(facts)).length
    const times: number[] = []
    for (let i = 0; i < 15; i++) {
      const start = performance.now()
      await detectProfiles(facts)
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    report('detect_profiles_found', count, 'profiles')
    report('detect_30_profiles_ms', times[7] ?? 0, 'ms')
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}
