import { PorterError } from '../../../shared/errors'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { includedFor, type IncludeOptions, type SiteChoice } from '../../../shared/domain/sites'
import { walkForArchive } from '../archive/profile-walk'
import { siteFilter } from '../sites/site-filter'
import { estimatePackedSize } from './estimate-packed-size'
import { sizeFinding } from './run-preflight'

/**
 * The pre-flight size estimate, for work that has no pre-flight step of its own (an update): a
 * profile clearly over the service's cap is said before packing starts, not minutes into it.
 */
export async function refuseTooLarge(
  profile: DetectedProfile,
  pack: { choice: SiteChoice; include?: IncludeOptions; format: 'zip' | 'tgz' },
  limits: { label: string; maxArchiveBytes: number | undefined; then: string },
  signal?: AbortSignal
): Promise<void> {
  if (limits.maxArchiveBytes === undefined) return
  const sites = siteFilter(pack.choice)
  const walk = await walkForArchive(profile, {
    include: includedFor(pack.choice, pack.include, profile.family),
    ...(sites ? { sites } : {}),
    ...(signal ? { signal } : {})
  })
  const packedBytes = await estimatePackedSize(profile.profileDir, walk.files, walk.keptBytes, pack.format)
  const finding = sizeFinding(packedBytes, limits, limits.then)
  if (finding?.severity === 'blocking') throw new PorterError({ code: 'too_large', message: finding.message })
}
