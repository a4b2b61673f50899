import { PorterError } from '../../../shared/errors'
import { accountFull } from '../../../shared/domain/account-full'
import type { Finding } from '../../../shared/domain/preflight'
import type { Profile } from '../../../shared/domain/profile'
import type { ProfileService } from '../clouds/profile-service'

/**
 * One cheap authenticated call, in pre-flight and again as an import starts packing: a refused key
 * or a full account stops the packing then, not after minutes of it. Throws the service's own
 * plain error for a bad key; gives the profiles there, which an import keeps to recognise one
 * whose creation's answer was lost.
 */
export async function checkAccount(
  service: ProfileService,
  label: string,
  options: { signal?: AbortSignal; addsProfile?: boolean } = {}
): Promise<Profile[]> {
  const profiles = await service.list(options.signal)
  const max = service.capabilities.maxProfiles
  // An update in place (WebRun's refresh) adds no profile, so a full account is no reason to stop.
  if (max !== undefined && options.addsProfile !== false && profiles.length >= max)
    throw new PorterError({ code: 'conflict', ...accountFull(label, max) })
  return profiles
}

/** The same check as pre-flight findings: a blocking one for a full account or a refused key. */
export async function accountFindings(service: ProfileService, label: string): Promise<Finding[]> {
  try {
    await checkAccount(service, label)
    return []
  } catch (error) {
    if (!(error instanceof PorterError)) throw error
    // Unreachable is not a reason to stop here: the import says so if it still is.
    if (error.code === 'network' || error.code === 'service' || error.code === 'rate_limited') return []
    return [
      {
        id: error.code === 'conflict' ? 'account-full' : 'account-refused',
        severity: 'blocking',
        message: [error.message, error.action].filter(Boolean).join(' ')
      }
    ]
  }
}
