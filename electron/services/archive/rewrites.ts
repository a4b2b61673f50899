import { copyFile, mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { IncludeOptions } from '../../../shared/domain/sites'
import type { Platform } from '../os/paths'
import { cookieCensus } from '../portability/cookie-census'
import {
  keepSitesInChromiumCookies,
  keepSitesInFirefoxCookies,
  keepSitesInHistory,
  keepSitesInLocalStorage,
  keepSitesInLogins,
  keepSitesInWebData
} from '../sites/keep-sites'
import { sentPerSite } from '../sites/sent-per-site'
import type { SiteFilter } from '../sites/site-filter'
import type { SuppliedCookies } from '../live/supplied-cookie'
import type { ArchiveEntry } from './entries'
import type { FileTable } from './file-table'
import type { PorterManifest } from './manifest'
import { keepSitesInPreferences } from '../sites/keep-sites-in-preferences'
import { markCleanExit, writeNormalisedLocalState } from './normalise-chromium'

/** The profile's databases that the portability step rewrites, as copies in the work folder. */
interface PortableFiles {
  cookies?: string
  loginData?: string
  /** Cookies the running browser or a cookie file supplied, already narrowed to the chosen sites. */
  supplied?: SuppliedCookies
}

/** Makes copied cookie (and password) databases readable by the cloud's browser; its report joins the manifest. */
export type MakePortable = (files: PortableFiles, profile: DetectedProfile) => Promise<Partial<PorterManifest>>

/**
 * What the archive takes from the work folder instead of the profile: only the files Profile
 * Porter changes. Everything else is read in place, straight from the profile.
 */
export interface Rewrites {
  /** Archive path → the work-folder file that replaces the profile's own, as it is once rewritten. */
  replaced: Map<string, { file: string; size: number; mtimeMs: number }>
  /** Archive paths not shipped (journals of a rewritten database would be replayed over it). */
  dropped: Set<string>
  /** Folders whose profile files are all replaced by the entries added in their place (a rewritten LevelDB). */
  droppedFolders: string[]
  /** Entries from outside the profile folder (Local State, Last Version, a rewritten LevelDB's files). */
  added: ArchiveEntry[]
  manifest: Partial<PorterManifest>
}

export interface RewriteOptions {
  /** Where the profile's files sit in the archive: `Default/` for Chromium, the root for Firefox. */
  prefix: string
  sourceOs: Platform
  include: IncludeOptions
  /** Set when only chosen sites travel. */
  sites?: SiteFilter
  makePortable?: MakePortable
  supplied?: SuppliedCookies
}

const SIDECARS = ['-journal', '-wal', '-shm']

async function fileEntry(path: string, file: string): Promise<ArchiveEntry | undefined> {
  const stats = await stat(file).catch(() => undefined)
  if (stats?.isFile() !== true) return undefined
  return { path, size: stats.size, mtimeMs: stats.mtimeMs, mode: stats.mode, source: { file } }
}

class Work {
  readonly rewrites: Rewrites = { replaced: new Map(), dropped: new Set(), droppedFolders: [], added: [], manifest: {} }

  constructor(
    readonly profile: DetectedProfile,
    readonly files: FileTable,
    readonly dir: string,
    readonly prefix: string
  ) {}

  has(path: string): boolean {
    return this.files.indexOf(path) >= 0
  }

  /** Copies a kept file into the work folder to rewrite it; a database's journals stay behind with it. */
  async take(path: string, name: string): Promise<string | undefined> {
    if (!this.has(path)) return undefined
    const copy = join(this.dir, name)
    await copyFile(join(this.profile.profileDir, ...path.split('/')), copy)
    this.rewrites.replaced.set(`${this.prefix}${path}`, { file: copy, size: 0, mtimeMs: 0 })
    for (const suffix of SIDECARS) this.rewrites.dropped.add(`${this.prefix}${path}${suffix}`)
    return copy
  }

  async add(path: string, file: string): Promise<void> {
    const entry = await fileEntry(path, file)
    if (entry !== undefined) this.rewrites.added.push(entry)
  }

  /** Sizes are taken once every rewrite is done: the archive checks what it reads against them. */
  async finish(): Promise<Rewrites> {
    for (const replacement of this.rewrites.replaced.values()) {
      const stats = await stat(replacement.file)
      Object.assign(replacement, { size: stats.size, mtimeMs: stats.mtimeMs })
    }
    return this.rewrites
  }
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
  await writeNormalisedLocalState(profile.userDataDir, profile.folderName, join(dir, 'Local State'))
  await work.add('Local State', join(dir, 'Local State'))
  await work.add('Last Version', join(profile.userDataDir, 'Last Version'))
  const preferences = await work.take('Preferences', 'Preferences')
  if (preferences !== undefined) await markCleanExit(preferences)
  if (preferences !== undefined && options.sites !== undefined) await keepSitesInPreferences(preferences, options.sites)

  const cookiesPath = work.has('Network/Cookies') ? 'Network/Cookies' : work.has('Cookies') ? 'Cookies' : undefined
  const sites = options.sites
  if (cookiesPath !== undefined) {
    const keeps = sites === undefined ? undefined : (host: string) => sites.keeps(host)
    const census = await cookieCensus(join(profile.profileDir, ...cookiesPath.split('/')), options.sourceOs, keeps).catch(() => undefined)
    if (census !== undefined) work.rewrites.manifest.cookies = { total: census.total, byScheme: census.byScheme }
  }
  const cookies = sites !== undefined || options.makePortable !== undefined ? await work.take(cookiesPath ?? '', 'Cookies') : undefined
  if (cookies !== undefined && sites !== undefined) await keepSitesInChromiumCookies(cookies, sites)
  const loginData =
    options.include.passwords === true && (sites !== undefined || options.makePortable !== undefined)
      ? await work.take('Login Data', 'Login Data')
      : undefined
  if (loginData !== undefined && sites !== undefined) await keepSitesInLogins(loginData, sites)
  if (sites !== undefined) {
    const history = options.include.history === true ? await work.take('History', 'History') : undefined
    if (history !== undefined) await keepSitesInHistory(history, sites)
    const webData = options.include.autofill === true ? await work.take('Web Data', 'Web Data') : undefined
    if (webData !== undefined) await keepSitesInWebData(webData, sites)
    const localStorage = 'Local Storage/leveldb'
    if (files.dirs.includes(localStorage)) {
      const rewritten = join(dir, 'Local Storage')
      work.rewrites.droppedFolders.push(`${options.prefix}${localStorage}/`)
      try {
        await keepSitesInLocalStorage(join(profile.profileDir, 'Local Storage', 'leveldb'), rewritten, sites)
        for (const name of await readdir(rewritten)) await work.add(`${options.prefix}${localStorage}/${name}`, join(rewritten, name))
      } catch {
        // A store that cannot be read cannot be narrowed to the chosen sites: none of it travels.
        work.rewrites.manifest.notes = ['Local Storage could not be read, so it stayed on this computer; sign-in cookies travel as usual.']
      }
    }
  }
  if (options.makePortable !== undefined) {
    const supplied =
      options.supplied === undefined
        ? undefined
        : { ...options.supplied, cookies: options.supplied.cookies.filter((cookie) => sites?.keeps(cookie.domain) ?? true) }
    Object.assign(
      work.rewrites.manifest,
      await options.makePortable(
        {
          ...(cookies === undefined ? {} : { cookies }),
          ...(loginData === undefined ? {} : { loginData }),
          ...(supplied === undefined ? {} : { supplied })
        },
        profile
      )
    )
  }
  const sent = await sentPerSite(
    cookies ?? (cookiesPath === undefined ? undefined : join(profile.profileDir, ...cookiesPath.split('/'))),
    'chromium'
  )
  work.rewrites.manifest.sites = { mode: sites === undefined ? 'everything' : 'sites', sent }
  return work.finish()
}

/** Firefox needs no portability; when only chosen sites travel, its cookie database is narrowed to them. */
export async function prepareFirefoxRewrites(
  profile: DetectedProfile,
  files: FileTable,
  workDir: string,
  options: RewriteOptions
): Promise<Rewrites> {
  const dir = join(workDir, 'rewritten')
  await mkdir(dir, { mode: 0o700 })
  const work = new Work(profile, files, dir, options.prefix)
  const cookies = options.sites === undefined ? undefined : await work.take('cookies.sqlite', 'cookies.sqlite')
  if (cookies !== undefined && options.sites !== undefined) await keepSitesInFirefoxCookies(cookies, options.sites)
  const sent = await sentPerSite(
    cookies ?? (work.has('cookies.sqlite') ? join(profile.profileDir, 'cookies.sqlite') : undefined),
    'firefox'
  )
  work.rewrites.manifest.sites = { mode: options.sites === undefined ? 'everything' : 'sites', sent }
  return work.finish()
}
