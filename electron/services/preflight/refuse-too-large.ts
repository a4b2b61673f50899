import { PorterError } from '../../../shared/errors'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import { surveyInWorker } from '../archive/pack-in-worker'
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
  // On the packing thread, as pre-flight's: the window stays answered while a large profile is walked.
  const { packedBytes } = await surveyInWorker(
    { profile, format: pack.format, choice: pack.choice, ...(pack.include ? { include: pack.include } : {}) },
    signal
  )
  const finding = sizeFinding(packedBytes, limits, limits.then)
  if (finding?.severity === 'blocking') throw new PorterError({ code: 'too_large', message: finding.message })
}
