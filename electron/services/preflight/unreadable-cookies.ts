import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Finding } from '../../../shared/domain/preflight'
import { count } from '../../../shared/format'
import type { Platform } from '../os/paths'
import type { CookieCensus } from '../portability/cookie-census'
import type { KeySources } from '../portability/key-sources'
import { resolveKeys } from '../portability/resolve-keys'

export interface Unreadable {
  reason: string
  cookies: number
  sites: string[]
}

/**
 * Whether the key of this profile's cookies can be had, asked before anything is packed. Only on
 * Windows: DPAPI answers without a prompt, while macOS's Keychain and a Linux keyring may ask
 * the person, which packing does once, with the reason in front of them.
 */
export async function unreadableCookies(
  profile: DetectedProfile,
  census: CookieCensus,
  sourceOs: Platform,
  sources: KeySources | undefined
): Promise<Unreadable | undefined> {
  const locked = census.byScheme['windows-v10'] ?? 0
  if (sourceOs !== 'win32' || sources === undefined || locked === 0) return undefined
  const keys = await resolveKeys(profile, sourceOs, sources, new Set(['windows-v10']))
  if (keys.problem === undefined) return undefined
  return { reason: keys.problem, cookies: locked, sites: census.sitesByScheme['windows-v10'] ?? [] }
}

/** The finding that says so, site by site, with the two ways that still bring the sign-ins. */
export function unreadableFinding(unreadable: Unreadable, profile: DetectedProfile): Finding {
  const browser = profile.browserName
  const sites = unreadable.sites
  return {
    id: 'cookies-key-unavailable',
    severity: 'warning',
    message: `${unreadable.reason}. So ${count(unreadable.cookies, 'cookie')} cannot be read from disk, and these sites would arrive signed out: ${sites.slice(0, 12).join(', ')}${sites.length > 12 ? ` and ${sites.length - 12} more` : ''}. Read the sign-ins through ${browser} itself, or from a cookie file, before packing.`
  }
}
