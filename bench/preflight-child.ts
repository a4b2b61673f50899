import { detectProfiles } from '../electron/services/browsers/detect'
import { runPreflight } from '../electron/services/preflight/run-preflight'
import type { ServiceKind } from '../shared/domain/preflight'

/**
 * Pre-flight of one profile, bundled as the app runs it (its walk on the packing thread): the
 * median of `runs` runs, and whether it found the profile too large for the service.
 */
async function main(): Promise<void> {
  const [home, service, tempRoot, runs] = process.argv.slice(2) as [string, ServiceKind, string, string]
  const profiles = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'bench', isAlive: () => false })
  const profile = profiles.find((candidate) => candidate.ref === 'chrome:Default')
  if (profile === undefined) throw new Error('the bench profile was not detected')
  const times: number[] = []
  let tooLarge = false
  for (let run = 0; run < Number(runs); run++) {
    const start = performance.now()
    const report = await runPreflight(profile, { service, sourceOs: 'linux', tempRoot })
    times.push(performance.now() - start)
    tooLarge = report.findings.some((finding) => finding.id === 'too-large' && finding.severity === 'blocking')
  }
  const ms = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]
  console.log(JSON.stringify({ ms, tooLarge }))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
