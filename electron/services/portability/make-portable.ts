import type { MakePortable } from '../archive/rewrites'
import type { Platform } from '../os/paths'
import type { CookieScheme } from './cookie-schemes'
import type { KeySources } from './key-sources'
import type { PortabilityReport } from './portability-report'
import { resolveKeys, type ResolvedKeys } from './resolve-keys'
import { rewriteCookies } from './rewrite-cookies'
import { rewritePasswords } from './rewrite-passwords'

/**
 * The portability step of an import: runs on copies in the work folder (never the browser's own
 * files), asks the OS for the profile's key once, and reports what moved. Firefox needs nothing.
 */
export function portabilityStep(options: { sourceOs: Platform; sources: KeySources; now?: () => number }): MakePortable {
  return async ({ cookies, loginData, supplied }, profile, step): Promise<{ portability?: PortabilityReport }> => {
    if (profile.family !== 'chromium' || cookies === undefined) return {}
    // Asked once per set of schemes: cookies and passwords that share one prompt the OS once.
    const asked = new Map<string, Promise<ResolvedKeys>>()
    const keysFor = (schemes: Set<CookieScheme>) => {
      const need = [...schemes].sort().join(',')
      if (!asked.has(need)) asked.set(need, resolveKeys(profile, options.sourceOs, options.sources, schemes))
      return asked.get(need) as Promise<ResolvedKeys>
    }
    const portability = await rewriteCookies(cookies, options.sourceOs, keysFor, options.now ?? Date.now, supplied, step)
    if (loginData !== undefined) portability.passwords = await rewritePasswords(loginData, options.sourceOs, keysFor)
    return { portability }
  }
}
