import { PorterError } from '../../../shared/errors'
import type { DetectedProfile, ProfileSize } from '../../../shared/domain/detected-profile'
import type { PreflightReport, ServiceKind } from '../../../shared/domain/preflight'
import type { IncludeOptions, SiteChoice, SiteRow } from '../../../shared/domain/sites'
import type { Platform } from '../os/paths'
import type { KeySources } from '../portability/key-sources'
import { measureProfileSize } from '../preflight/measure-size'
import { runPreflight } from '../preflight/run-preflight'
import { listSites } from '../sites/inventory'
import { detectProfiles, type DetectFacts } from './detect'

export interface BrowsersService {
  detect(): Promise<DetectedProfile[]>
  find(ref: string): Promise<DetectedProfile>
  measure(ref: string, signal?: AbortSignal): Promise<ProfileSize>
  preflight(ref: string, service: ServiceKind, pack?: { choice?: SiteChoice; include?: IncludeOptions }): Promise<PreflightReport>
  /** The sites a profile holds logins and data for, to choose from. */
  sites(ref: string): Promise<SiteRow[]>
}

/** Browser profiles on this computer: found fresh each time (a browser may have started or quit). */
export function createBrowsersService(
  facts: DetectFacts & { tempRoot: string; sourceOs: Platform; now: () => Date; keySources?: KeySources }
): BrowsersService {
  const detect = () => detectProfiles(facts)
  async function find(ref: string): Promise<DetectedProfile> {
    const profile = (await detect()).find((candidate) => candidate.ref === ref)
    if (profile === undefined)
      throw new PorterError({
        code: 'not_found',
        message: 'That browser profile is no longer on this computer.',
        action: 'Choose another profile.'
      })
    return profile
  }
  return {
    detect,
    find,
    measure: async (ref, signal) => measureProfileSize(await find(ref), signal ? { signal } : {}),
    preflight: async (ref, service, pack = {}) =>
      runPreflight(await find(ref), {
        service,
        sourceOs: facts.sourceOs,
        tempRoot: facts.tempRoot,
        ...(facts.keySources ? { keySources: facts.keySources } : {}),
        ...pack
      }),
    sites: async (ref) => listSites(await find(ref), facts.now().getTime())
  }
}
