import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Platform } from '../os/paths'
import { findCookiesDatabase } from './cookie-census'
import type { CookieScheme } from './cookie-schemes'
import type { KeySources } from './key-sources'
import type { PortabilityReport } from './portability-report'
import { resolveKeys, type ResolvedKeys } from './resolve-keys'
import { rewriteCookies } from './rewrite-cookies'
import { rewritePasswords } from './rewrite-passwords'

/**
 * The portability step of an import: runs on the staged copy (never the browser's own files),
 * asks the OS for the profile's key once, and reports what moved. Firefox needs nothing.
 */
export function portabilityStep(options: { sourceOs: Platform; sources: KeySources; now?: () => number }) {
  return async (stagingDir: string, profile: DetectedProfile): Promise<{ portability?: PortabilityReport }> => {
    if (profile.family !== 'chromium') return {}
    const cookies = await findCookiesDatabase(join(stagingDir, 'Default'))
    if (cookies === undefined) return {}
    // Asked once per set of schemes: cookies and passwords that share one prompt the OS once.
    const asked = new Map<string, Promise<ResolvedKeys>>()
    const keysFor = (schemes: Set<CookieScheme>) => {
      const need = [...schemes].sort().join(',')
      if (!asked.has(need)) asked.set(need, resolveKeys(profile, options.sourceOs, options.sources, schemes))
      return asked.get(need) as Promise<ResolvedKeys>
    }
    const portability = await rewriteCookies(cookies, options.sourceOs, keysFor, options.now ?? Date.now)
    const logins = join(stagingDir, 'Default', 'Login Data')
    if ((await stat(logins).catch(() => undefined))?.isFile() === true) {
      portability.passwords = await rewritePasswords(logins, options.sourceOs, keysFor)
    }
    return { portability }
  }
}
