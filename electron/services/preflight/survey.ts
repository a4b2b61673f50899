import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { includedFor } from '../../../shared/domain/included-for'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import type { ArchiveFormat } from '../archive/create-archive'
import type { Survey } from '../archive/pack-worker-protocol'
import { walkForArchive } from '../archive/profile-walk'
import { siteFilter } from '../sites/site-filter'
import { estimatePackedSize } from './estimate-packed-size'

/** The files packing copies into its work folder to change them. */
const REWRITTEN = new Set(['Preferences', 'Cookies', 'Network/Cookies', 'Login Data'])

/** The walk packing will make, measured: kept files and bytes, the estimated archive, and what packing copies to rewrite. */
export async function surveyProfile(
  profile: DetectedProfile,
  options: { format: ArchiveFormat; choice?: SiteChoice; include?: IncludeOptions; signal?: AbortSignal }
): Promise<Survey> {
  const sites = siteFilter(options.choice)
  const walk = await walkForArchive(profile, {
    include: includedFor(options.choice, options.include, profile.family),
    ...(sites ? { sites } : {}),
    ...(options.signal ? { signal: options.signal } : {})
  })
  const rewrittenBytes = [...REWRITTEN]
    .map((path) => walk.files.indexOf(path))
    .reduce((sum, index) => sum + (index < 0 ? 0 : walk.files.size(index)), 0)
  return {
    keptBytes: walk.keptBytes,
    files: walk.files.length,
    packedBytes: await estimatePackedSize(profile.profileDir, walk.files, walk.keptBytes, options.format),
    rewrittenBytes
  }
}
