import { statfs } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Finding, PreflightReport, ServiceKind } from '../../../shared/domain/preflight'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import { count, figure, formatBytesAgainst, noun } from '../../../shared/format'
import { parseIni } from '../browsers/ini'
import { readText } from '../browsers/read-json'
import type { Platform } from '../os/paths'
import { cookieCensus, findCookiesDatabase, type CookieCensus } from '../portability/cookie-census'
import type { CookieScheme } from '../portability/cookie-schemes'
import type { KeySources } from '../portability/key-sources'
import { unreadableCookies, unreadableFinding } from './unreadable-cookies'
import { surveyInWorker } from '../archive/pack-in-worker'
import { siteFilter } from '../sites/site-filter'
import { serviceLimits, type ServiceLimits } from './service-limits'
import { quitAdvice } from '../../../shared/domain/quit-advice'

export interface PreflightOptions {
  service: ServiceKind
  sourceOs: Platform
  tempRoot: string
  /** This computer's key store; asked before packing only where asking shows no prompt (Windows DPAPI). */
  keySources?: KeySources
  choice?: SiteChoice
  include?: IncludeOptions
  signal?: AbortSignal
  freeBytes?: (dir: string) => Promise<number>
}

async function diskFree(dir: string): Promise<number> {
  const stats = await statfs(dir)
  return stats.bavail * stats.bsize
}

function runningFinding(profile: DetectedProfile): Finding | undefined {
  const browser = profile.browserName
  if (profile.running === 'running') {
    return {
      id: 'browser-running',
      severity: 'blocking',
      message: quitAdvice(browser, 'click Check again')
    }
  }
  if (profile.running === 'elsewhere') {
    return {
      id: 'browser-running',
      severity: 'blocking',
      message: `This profile is open in ${browser} on another computer. Close it there, then click Check again.`
    }
  }
  if (profile.running === 'unknown') {
    return {
      id: 'browser-running',
      severity: 'warning',
      message: `Make sure ${browser} is closed before you continue, so the copy is complete.`
    }
  }
  return undefined
}

const MOVABLE: CookieScheme[] = ['plain', 'linux-v10']

const movableFromDisk = (census: CookieCensus) => MOVABLE.reduce((sum, scheme) => sum + (census.byScheme[scheme] ?? 0), 0)

function cookieFindings(census: CookieCensus, profile: DetectedProfile, sourceOs: Platform): Finding[] {
  const findings: Finding[] = [
    {
      id: 'cookies-found',
      severity: 'info',
      message:
        movableFromDisk(census) === census.total
          ? `${count(census.total, 'cookie')} found, and all can be moved as they are: the sites you are signed in to stay signed in.`
          : `${count(census.total, 'cookie')} found; ${figure(movableFromDisk(census))} can be moved as they are.`
    }
  ]
  const appBound = census.byScheme['windows-v20'] ?? 0
  if (appBound > 0) {
    const sites = census.sitesByScheme['windows-v20'] ?? []
    findings.push({
      id: 'cookies-app-bound',
      severity: 'warning',
      message: `${appBound} of ${count(census.total, 'cookie')} ${noun(appBound, 'is', 'are')} locked by ${profile.browserName} itself (Windows app-bound encryption), so they cannot be moved from disk: ${sites.slice(0, 8).join(', ')}${sites.length > 8 ? ` and ${sites.length - 8} more` : ''}. Read them through ${profile.browserName} (or from a cookie file), or these sites will need a fresh login.`
    })
  }
  const needsKey = Object.entries(census.byScheme)
    .filter(([scheme]) => !MOVABLE.includes(scheme as CookieScheme) && scheme !== 'windows-v20')
    .reduce((sum, [, count]) => sum + count, 0)
  if (needsKey > 0) {
    const prompt =
      sourceOs === 'darwin'
        ? ` When you confirm, macOS asks whether Profile Porter may use “${profile.browserName} Safe Storage” from your Keychain: choose Allow.`
        : sourceOs === 'linux' && (census.byScheme['linux-v11'] ?? 0) > 0
          ? ' Your desktop may ask you to unlock its keyring.'
          : ''
    findings.push({
      id: 'cookies-need-key',
      severity: 'info',
      message: `${count(needsKey, 'cookie')} ${noun(needsKey, 'is', 'are')} locked to this computer; Profile Porter will make them readable by the cloud browser while packing.${prompt}`
    })
  }
  return findings
}

/**
 * Whether the packed profile will fit the service: blocking when the estimate is clearly over (the
 * estimate samples the data, so "clearly" leaves it 5% of room), a warning when it comes close.
 */
export function sizeFinding(
  packedBytes: number,
  limits: Pick<ServiceLimits, 'label' | 'maxArchiveBytes'>,
  then = 'click Check again'
): Finding | undefined {
  const limit = limits.maxArchiveBytes
  if (limit === undefined || packedBytes < limit * 0.9) return undefined
  const [estimate, cap] = formatBytesAgainst(packedBytes, limit)
  const next = `Clear large site data in the browser (Settings → Privacy → Delete browsing data → Cookies and site data), then ${then}.`
  if (packedBytes > limit * 1.05) {
    return {
      id: 'too-large',
      severity: 'blocking',
      message: `Packed, this profile would be about ${estimate}, and ${limits.label} accepts at most ${cap}. ${next}`
    }
  }
  const where = packedBytes > limit ? `just over the ${cap} ${limits.label} accepts` : `close to the ${cap} ${limits.label} accepts`
  return {
    id: 'too-large',
    severity: 'warning',
    message: `Packed, this profile would be about ${estimate}, ${where}. This is an estimate: packing tells for sure, and stops at once if it is too large. ${next}`
  }
}

/** Everything to check before packing a profile for a service, each as one plain sentence. */
export async function runPreflight(profile: DetectedProfile, options: PreflightOptions): Promise<PreflightReport> {
  const limits = serviceLimits[options.service]
  const findings: Finding[] = []
  const running = runningFinding(profile)
  if (running !== undefined) findings.push(running)
  if (profile.family === 'firefox' && !limits.acceptsFirefox) {
    findings.push({
      id: 'browser-unsupported',
      severity: 'blocking',
      message: `${limits.label} runs Chrome and cannot use a Firefox profile. Choose a Chrome, Edge, Brave or Chromium profile instead.`
    })
  }

  const sites = siteFilter(options.choice)
  // The walk and the estimate run on the packing thread: the window stays answered, and their memory goes with it.
  const survey = await surveyInWorker(
    {
      profile,
      format: limits.format,
      ...(options.choice === undefined ? {} : { choice: options.choice }),
      ...(options.include === undefined ? {} : { include: options.include })
    },
    options.signal
  )
  const size = { uploadBytes: survey.keptBytes, uploadFiles: survey.files }
  const packedBytes = survey.packedBytes
  const tooLarge = sizeFinding(packedBytes, limits)
  if (tooLarge !== undefined) findings.push(tooLarge)
  // Packing reads the profile in place: it needs room for the archive, and copies of the few files it rewrites.
  const needed = packedBytes + survey.rewrittenBytes + 1024 * 1024
  const free = await (options.freeBytes ?? diskFree)(options.tempRoot)
  if (free < needed) {
    const [want, have] = formatBytesAgainst(needed, free)
    findings.push({
      id: 'disk-space',
      severity: 'blocking',
      message: `Packing needs about ${want} of free disk space and ${have} is free. Free up some space, then click Check again.`
    })
  }

  let cookies: CookieCensus | undefined
  let unreadable: Awaited<ReturnType<typeof unreadableCookies>>
  if (profile.family === 'chromium') {
    const database = await findCookiesDatabase(profile.profileDir)
    if (database !== undefined) {
      try {
        cookies = await cookieCensus(
          database,
          options.sourceOs,
          sites === undefined ? undefined : (host, frame) => sites.keepsCookie(host, frame)
        )
        unreadable = await unreadableCookies(profile, cookies, options.sourceOs, options.keySources)
        findings.push(
          ...cookieFindings(cookies, profile, options.sourceOs).filter((finding) => !unreadable || finding.id !== 'cookies-need-key')
        )
        if (unreadable !== undefined) findings.push(unreadableFinding(unreadable, profile))
      } catch {
        findings.push({
          id: 'cookies-unreadable',
          severity: 'warning',
          message: 'The cookie database could not be read, so sign-ins may not carry over. Quit the browser and click Check again.'
        })
      }
    } else {
      findings.push({ id: 'cookies-none', severity: 'info', message: 'This profile has no cookies yet, so no site will be signed in.' })
    }
  } else {
    const compatibility = parseIni((await readText(join(profile.profileDir, 'compatibility.ini'))) ?? '').get('Compatibility')
    if (compatibility?.get('EncryptedDatabases') === '1') {
      findings.push({
        id: 'firefox-encrypted',
        severity: 'blocking',
        message: 'This Firefox profile keeps its databases encrypted, which a remote Firefox cannot open. Choose another profile.'
      })
    }
  }
  return {
    service: options.service,
    size,
    packedBytes,
    ...(limits.maxArchiveBytes === undefined ? {} : { limitBytes: limits.maxArchiveBytes }),
    findings,
    ...(cookies === undefined
      ? {}
      : {
          cookies: {
            total: cookies.total,
            byScheme: cookies.byScheme as Record<string, number>,
            sitesByScheme: cookies.sitesByScheme as Record<string, string[]>,
            ...(unreadable === undefined ? {} : { unreadable })
          }
        })
  }
}
