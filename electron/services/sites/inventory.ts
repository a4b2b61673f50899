import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { SiteRow } from '../../../shared/domain/sites'
import { findCookiesDatabase } from '../portability/cookie-census'
import { readLevelDb } from '../leveldb/read-db'
import { allRows, openDatabase } from '../sqlite/open-database'
import { deviceBoundWarning, sensitiveCategory } from './site-categories'
import { hostOfOriginFolder, hostOfUrl, siteOf } from './site-of'

/** Cookie names that carry a sign-in, as sites commonly name them. */
const SIGN_IN = /sess|sid|auth|token|jwt|login|logged|remember|sso|saml|oidc|refresh|^__(secure|host)-/i
/** A History bigger than this is not read for "last visit" (it would all sit in memory). */
const MAX_HISTORY_BYTES = 256 * 1024 * 1024

interface Tally {
  cookies: number
  signInCookie: boolean
  savedLogins: number
  lastVisitMs: number
  storageBytes: number
  public: boolean
}

class Sites {
  readonly bySite = new Map<string, Tally>()

  at(host: string): Tally {
    const { site, public: isPublic } = siteOf(host)
    let tally = this.bySite.get(site)
    if (tally === undefined) {
      tally = { cookies: 0, signInCookie: false, savedLogins: 0, lastVisitMs: 0, storageBytes: 0, public: isPublic }
      this.bySite.set(site, tally)
    }
    return tally
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true
}

async function query(path: string, sql: string): Promise<Array<Record<string, unknown>>> {
  if (!(await exists(path))) return []
  const database = await openDatabase(path)
  try {
    return allRows(database, sql)
  } catch {
    // A table another version of the browser does not have: nothing to count there.
    return []
  } finally {
    database.close()
  }
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => undefined))?.size ?? 0
  }
  return bytes
}

const CHROME_EPOCH_MS = 11_644_473_600_000

/** The last visit of each site, from a history database whose query gives `url` and `visited` (ms since 1970). */
async function lastVisits(sites: Sites, database: string, sql: string): Promise<void> {
  if (((await stat(database).catch(() => undefined))?.size ?? Infinity) > MAX_HISTORY_BYTES) return
  for (const row of await query(database, sql)) {
    const host = hostOfUrl(String(row['url']))
    if (host === undefined) continue
    const tally = sites.at(host)
    tally.lastVisitMs = Math.max(tally.lastVisitMs, Number(row['visited']))
  }
}

async function chromiumSites(profile: DetectedProfile, sites: Sites, nowMs: number): Promise<void> {
  const dir = profile.profileDir
  const cookies = await findCookiesDatabase(dir)
  if (cookies !== undefined) {
    const nowChrome = (nowMs + CHROME_EPOCH_MS) * 1000
    for (const row of await query(cookies, 'SELECT host_key, name, is_persistent, expires_utc FROM cookies')) {
      const tally = sites.at(String(row['host_key']))
      tally.cookies += 1
      if (Number(row['is_persistent']) === 1 && Number(row['expires_utc']) > nowChrome && SIGN_IN.test(String(row['name'])))
        tally.signInCookie = true
    }
  }
  for (const row of await query(join(dir, 'Login Data'), 'SELECT origin_url FROM logins')) {
    const host = hostOfUrl(String(row['origin_url']))
    if (host !== undefined) sites.at(host).savedLogins += 1
  }
  await lastVisits(
    sites,
    join(dir, 'History'),
    `SELECT url, last_visit_time / 1000 - ${CHROME_EPOCH_MS} AS visited FROM urls WHERE last_visit_time > 0`
  )
  const localStorage = await readLevelDb(join(dir, 'Local Storage', 'leveldb')).catch(() => new Map())
  for (const { key, value } of localStorage.values()) {
    const text = (key as Buffer).toString('latin1')
    if (!text.startsWith('_')) continue
    const host = hostOfUrl(text.slice(1, text.indexOf('\0') < 0 ? undefined : text.indexOf('\0')))
    if (host !== undefined) sites.at(host).storageBytes += (key as Buffer).length + (value as Buffer).length
  }
  for (const name of await readdir(join(dir, 'IndexedDB')).catch(() => [] as string[])) {
    const host = hostOfOriginFolder(name)
    if (host !== undefined) sites.at(host).storageBytes += await folderBytes(join(dir, 'IndexedDB', name))
  }
}

async function firefoxSites(profile: DetectedProfile, sites: Sites, nowMs: number): Promise<void> {
  const dir = profile.profileDir
  for (const row of await query(join(dir, 'cookies.sqlite'), 'SELECT host, name, expiry FROM moz_cookies')) {
    const tally = sites.at(String(row['host']))
    tally.cookies += 1
    if (Number(row['expiry']) * 1000 > nowMs && SIGN_IN.test(String(row['name']))) tally.signInCookie = true
  }
  const logins = JSON.parse((await readFile(join(dir, 'logins.json'), 'utf8').catch(() => '{}')) || '{}') as {
    logins?: Array<{ hostname?: string }>
  }
  for (const login of logins.logins ?? []) {
    const host = hostOfUrl(login.hostname ?? '')
    if (host !== undefined) sites.at(host).savedLogins += 1
  }
  await lastVisits(
    sites,
    join(dir, 'places.sqlite'),
    'SELECT url, last_visit_date / 1000 AS visited FROM moz_places WHERE last_visit_date > 0'
  )
  for (const name of await readdir(join(dir, 'storage', 'default')).catch(() => [] as string[])) {
    const host = /^https?\+\+\+([^+]+)/.exec(name)?.[1]
    if (host !== undefined) sites.at(host).storageBytes += await folderBytes(join(dir, 'storage', 'default', name))
  }
}

/**
 * The sites a profile holds logins and data for, one row per registrable domain: cookies, whether
 * it looks signed in, saved passwords, last visit, stored bytes, and why it may be unwise to send.
 * Read from the browser's files; no cookie value and no password is read.
 */
export async function listSites(profile: DetectedProfile, nowMs: number): Promise<SiteRow[]> {
  const sites = new Sites()
  if (profile.family === 'chromium') await chromiumSites(profile, sites, nowMs)
  else await firefoxSites(profile, sites, nowMs)
  const rows: SiteRow[] = []
  for (const [site, tally] of sites.bySite) {
    if (tally.cookies === 0 && tally.savedLogins === 0 && tally.storageBytes === 0) continue
    const category = tally.public ? sensitiveCategory(site) : undefined
    const deviceBound = deviceBoundWarning(site)
    const signedIn = tally.signInCookie || tally.savedLogins > 0
    rows.push({
      site,
      public: tally.public,
      cookies: tally.cookies,
      signedIn,
      savedLogins: tally.savedLogins,
      ...(tally.lastVisitMs > 0 ? { lastVisit: new Date(tally.lastVisitMs).toISOString() } : {}),
      storageBytes: tally.storageBytes,
      ...(category === undefined ? {} : { category }),
      ...(deviceBound === undefined ? {} : { deviceBound }),
      suggested: tally.public && signedIn && category === undefined
    })
  }
  return rows.sort(
    (a, b) =>
      Number(b.signedIn) - Number(a.signedIn) || (b.lastVisit ?? '').localeCompare(a.lastVisit ?? '') || a.site.localeCompare(b.site)
  )
}
