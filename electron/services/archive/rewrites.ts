import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { IncludeOptions } from '../../../shared/domain/sites'
import type { Platform } from '../os/paths'
import { cookieCensus } from '../portability/cookie-census'
import { keepSitesInChromiumCookies, keepSitesInFirefoxCookies, keepSitesInLogins } from '../sites/keep-sites'
import { sentPerSite } from '../sites/sent-per-site'
import type { SiteFilter } from '../sites/site-filter'
import type { SuppliedCookies } from '../live/supplied-cookie'
import type { StepControl } from '../portability/supplied-rows'
import type { FileTable } from './file-table'
import type { PorterManifest } from './manifest'
import { keepFirefoxPrefs } from '../sites/keep-firefox-prefs'
import { keepPreferences } from '../sites/keep-preferences'
import { markCleanExit, writeNormalisedLocalState } from './normalise-chromium'
import { narrowSiteStores } from './narrow-site-stores'
import { networkLayoutOnDisk } from './network-layout'
import { Work, type Rewrites } from './rewrite-work'

export type { Rewrites } from './rewrite-work'

/** The profile's databases that the portability step rewrites, as copies in the work folder. */
interface PortableFiles {
  cookies?: string
  loginData?: string
  /** Cookies the running browser or a cookie file supplied, already narrowed to the chosen sites. */
  supplied?: SuppliedCookies
}

/** Makes copied cookie (and password) databases readable by the cloud's browser; its report joins the manifest. */
export type MakePortable = (files: PortableFiles, profile: DetectedProfile, step?: StepControl) => Promise<Partial<PorterManifest>>

export interface RewriteOptions {
  /** Where the profile's files sit in the archive: `Default/` for Chromium, the root for Firefox. */
  prefix: string
  sourceOs: Platform
  include: IncludeOptions
  /** Set when only chosen sites travel. */
  sites?: SiteFilter
  makePortable?: MakePortable
  supplied?: SuppliedCookies
  /** Writing a large set of supplied sign-ins reports its progress and stops on cancel. */
  step?: StepControl
  /** The cookie database the source browser reads (network-layout.ts), relative to the profile folder. */
  cookiesPath?: string
}

/**
 * The Chromium files an archive needs changed, made in the (owner-only) work folder: Local State
 * naming one profile, `Default`; Preferences marked as cleanly closed; the Cookies (and, when
 * sent, Login Data) the portability step rewrites; and, when only chosen sites travel, the
 * Cookies, Local Storage, History and Login Data narrowed to them.
 */
export async function prepareChromiumRewrites(
  profile: DetectedProfile,
  files: FileTable,
  workDir: string,
  options: RewriteOptions
): Promise<Rewrites> {
  const dir = join(workDir, 'rewritten')
  await mkdir(dir, { mode: 0o700 })
  const work = new Work(profile, files, dir, options.prefix)
  const sites = options.sites
  await writeNormalisedLocalState(profile.userDataDir, profile.folderName, join(dir, 'Local State'), { chosenSites: sites !== undefined })
  await work.add('Local State', join(dir, 'Local State'))
  await work.add('Last Version', join(profile.userDataDir, 'Last Version'))
  const preferences = await work.take('Preferences', 'Preferences')
  if (preferences !== undefined && sites !== undefined) await keepPreferences(preferences, sites)
  if (preferences !== undefined) await markCleanExit(preferences)

  const live = options.cookiesPath ?? networkLayoutOnDisk(profile.profileDir).cookies
  const cookiesPath = work.has(live) ? live : undefined
  if (cookiesPath !== undefined) {
    const keeps = sites === undefined ? undefined : (host: string, topFrameSite: string) => sites.keepsCookie(host, topFrameSite)
    const census = await cookieCensus(join(profile.profileDir, ...cookiesPath.split('/')), options.sourceOs, keeps).catch(() => undefined)
    if (census !== undefined) work.rewrites.manifest.cookies = { total: census.total, byScheme: census.byScheme }
  }
  let cookies = sites !== undefined || options.makePortable !== undefined ? await work.take(cookiesPath ?? '', 'Cookies') : undefined
  if (
    sites !== undefined &&
    !(await work.narrow(cookiesPath ?? '', cookies, 'The cookie database', (copy) => keepSitesInChromiumCookies(copy, sites)))
  )
    cookies = undefined
  let loginData =
    options.include.passwords === true && (sites !== undefined || options.makePortable !== undefined)
      ? await work.take('Login Data', 'Login Data')
      : undefined
  if (sites !== undefined && !(await work.narrow('Login Data', loginData, 'Saved passwords', (copy) => keepSitesInLogins(copy, sites))))
    loginData = undefined
  if (sites !== undefined) await narrowSiteStores(work, files, options, sites)
  else work.note('Everything in the profile was sent: every site’s sign-ins and data, as the browser keeps them.')
  if (options.makePortable !== undefined) {
    const supplied =
      options.supplied === undefined
        ? undefined
        : {
            ...options.supplied,
            cookies: options.supplied.cookies.filter(
              (cookie) => sites?.keepsCookie(cookie.domain, cookie.partitionKey?.topLevelSite) ?? true
            )
          }
    Object.assign(
      work.rewrites.manifest,
      await options.makePortable(
        {
          ...(cookies === undefined ? {} : { cookies }),
          ...(loginData === undefined ? {} : { loginData }),
          ...(supplied === undefined ? {} : { supplied })
        },
        profile,
        options.step
      )
    )
  }
  // With chosen sites only the narrowed copy counts: a copy that could not be narrowed did not travel.
  const sent = await sentPerSite(
    sites !== undefined || cookiesPath === undefined ? cookies : (cookies ?? join(profile.profileDir, ...cookiesPath.split('/'))),
    'chromium'
  )
  work.rewrites.manifest.sites = { mode: sites === undefined ? 'everything' : 'sites', sent }
  return work.finish()
}

/** Firefox needs no portability; when only chosen sites travel, its cookie database is narrowed to them and prefs.js to an allow-list. */
export async function prepareFirefoxRewrites(
  profile: DetectedProfile,
  files: FileTable,
  workDir: string,
  options: RewriteOptions
): Promise<Rewrites> {
  const dir = join(workDir, 'rewritten')
  await mkdir(dir, { mode: 0o700 })
  const work = new Work(profile, files, dir, options.prefix)
  const sites = options.sites
  const prefs = sites === undefined ? undefined : await work.take('prefs.js', 'prefs.js')
  if (prefs !== undefined) await keepFirefoxPrefs(prefs)
  let cookies = sites === undefined ? undefined : await work.take('cookies.sqlite', 'cookies.sqlite')
  if (
    sites !== undefined &&
    !(await work.narrow('cookies.sqlite', cookies, 'The cookie database', (copy) => keepSitesInFirefoxCookies(copy, sites)))
  )
    cookies = undefined
  const sent = await sentPerSite(
    sites !== undefined || !work.has('cookies.sqlite') ? cookies : join(profile.profileDir, 'cookies.sqlite'),
    'firefox'
  )
  work.rewrites.manifest.sites = { mode: options.sites === undefined ? 'everything' : 'sites', sent }
  return work.finish()
}
