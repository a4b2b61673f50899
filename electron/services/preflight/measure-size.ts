import type { DetectedProfile, ProfileSize } from '../../../shared/domain/detected-profile'
import { compileRules, type RuleOptions } from '../archive/rules'
import { walkProfile } from '../archive/walk'

/** The profile's whole size and what would be sent after leaving caches out; cancellable. */
export async function measureProfileSize(profile: DetectedProfile, options: RuleOptions & { signal?: AbortSignal } = {}): Promise<ProfileSize> {
  const walk = await walkProfile(profile.profileDir, compileRules(profile.family, options), {
    measureLeftOut: true,
    ...(options.signal ? { signal: options.signal } : {})
  })
  const leftBytes = walk.leftOut.reduce((sum, item) => sum + item.bytes, 0)
  const leftFiles = walk.leftOut.reduce((sum, item) => sum + item.files, 0)
  return {
    totalBytes: walk.keptBytes + leftBytes,
    totalFiles: walk.kept.length + leftFiles,
    uploadBytes: walk.keptBytes,
    uploadFiles: walk.kept.length
  }
}
