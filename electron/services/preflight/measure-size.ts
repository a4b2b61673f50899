import type { DetectedProfile, ProfileSize } from '../../../shared/domain/detected-profile'
import { walkForArchive } from '../archive/profile-walk'
import type { RuleOptions } from '../archive/rules'

/** What would be sent after the leave-out rules; left-out folders are never entered, so this is quick. */
export async function measureProfileSize(
  profile: DetectedProfile,
  options: RuleOptions & { signal?: AbortSignal } = {}
): Promise<ProfileSize> {
  const walk = await walkForArchive(profile, options)
  return { uploadBytes: walk.keptBytes, uploadFiles: walk.files.length }
}
