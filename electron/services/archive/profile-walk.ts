import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { compileRules, type RuleOptions } from './rules'
import { walkProfile, type WalkResult } from './walk'

/** Opera keeps browser-wide files in the folder that is also its default profile. */
const FLAT_ROOT_ONLY = new Set(['Local State', 'Last Version', '_side_profiles'])

/** The walk an archive of this profile makes, shared by pre-flight and packing: what is kept, what is left out. */
export function walkForArchive(profile: DetectedProfile, options: RuleOptions & { signal?: AbortSignal } = {}): Promise<WalkResult> {
  const flat = profile.family === 'chromium' && profile.profileDir === profile.userDataDir
  return walkProfile(profile.profileDir, compileRules(profile.family, options), {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(flat ? { skipTopLevel: (name: string) => FLAT_ROOT_ONLY.has(name) } : {})
  })
}
