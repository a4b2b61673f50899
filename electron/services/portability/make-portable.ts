import type { MakePortable } from '../archive/rewrites'
import type { Platform } from '../os/paths'
import type { CookieScheme } from './cookie-schemes'
import type { KeySources } from './key-sources'
import type { PortabilityReport } from './portability-report'
import { resolveKeys, type ResolvedKeys } from './resolve-keys'
import { rewriteCookies } from './rewrite-cookies'
import { rewritePasswords } from './rewrite-passwords'

/** A portability step that the packing thread can run itself, asking this thread only for keys (no clock of a test's own). */
export interface PortabilityStep extends MakePortable {
  readonly sourceOs: Platform
  readonly sources: KeySources
}

export function isPortabilityStep(step: MakePortable): step is PortabilityStep {
  return 'sources' in step && 'sourceOs' in step
}

/**
 * The portability step of an import: runs on copies in the work folder (never the browser's own
 * files), asks the OS for the profile's key once, and reports what moved. Firefox needs nothing.
 */
export function portabilityStep(options: { sourceOs: Platform; sources: KeySources; now?: () => number }): MakePortable {
  const step: MakePortable = async ({ cookies, loginData, supplied }, profile, control): Promise<{ portability?: PortabilityReport }> => {
    if (profile.family !== 'chromium' || cookies === undefined) return {}
    // Asked once per set of schemes: cookies and passwords that share one prompt the OS once.
    const asked = new Map<string, Promise<ResolvedKeys>>()
    const keysFor = (schemes: Set<CookieScheme>) => {
      const need = [...schemes].sort().join(',')
      if (!asked.has(need)) asked.set(need, resolveKeys(profile, options.sourceOs, options.sources, schemes))
      return asked.get(need) as Promise<ResolvedKeys>
    }
    const portability = await rewriteCookies(cookies, options.sourceOs, keysFor, options.now ?? Date.now, supplied, control)
    if (loginData !== undefined) portability.passwords = await rewritePasswords(loginData, options.sourceOs, keysFor)
    return { portability }
  }
  return options.now === undefined ? Object.assign(step, { sourceOs: options.sourceOs, sources: options.sources }) : step
}
