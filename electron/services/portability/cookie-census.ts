import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { networkLayoutOnDisk } from '../archive/network-layout'
import type { Platform } from '../os/paths'
import { allRows, openDatabase } from '../sqlite/open-database'
import { classifyCookie, type CookieScheme } from './cookie-schemes'

export interface CookieCensus {
  total: number
  byScheme: Partial<Record<CookieScheme, number>>
  /** Sites per scheme, so a person can be told which ones will need a fresh login. */
  sitesByScheme: Partial<Record<CookieScheme, string[]>>
  databaseVersion: number | undefined
}

/** The cookie database the browser itself reads: in Network/ or at the top, by its marker (network-layout.ts). */
export async function findCookiesDatabase(profileDir: string): Promise<string | undefined> {
  const candidate = join(profileDir, ...networkLayoutOnDisk(profileDir).cookies.split('/'))
  const found = await stat(candidate).catch(() => undefined)
  return found?.isFile() === true ? candidate : undefined
}

/**
 * Counts a profile's cookies per protection scheme without decrypting (or logging) any value;
 * only those `keeps` accepts (by host key and partition's top-level site) when sites were chosen.
 */
export async function cookieCensus(
  cookiesPath: string,
  sourceOs: Platform,
  keeps: (host: string, topFrameSite: string) => boolean = () => true
): Promise<CookieCensus> {
  const database = await openDatabase(cookiesPath)
  try {
    const version = allRows(database, "SELECT value FROM meta WHERE key = 'version'")[0]?.['value']
    const census: CookieCensus = {
      total: 0,
      byScheme: {},
      sitesByScheme: {},
      databaseVersion: version === undefined ? undefined : Number(version)
    }
    const sites = new Map<CookieScheme, Set<string>>()
    const partitioned = allRows(database, 'PRAGMA table_info(cookies)').some((row) => row['name'] === 'top_frame_site_key')
    const frame = partitioned ? 'top_frame_site_key' : "''"
    for (const row of allRows(database, `SELECT host_key, ${frame} AS frame, encrypted_value FROM cookies`)) {
      if (!keeps(String(row['host_key']), String(row['frame']))) continue
      const scheme = classifyCookie((row['encrypted_value'] as Uint8Array | null) ?? new Uint8Array(), sourceOs)
      census.total += 1
      census.byScheme[scheme] = (census.byScheme[scheme] ?? 0) + 1
      const site = String(row['host_key']).replace(/^\./, '')
      if (!sites.has(scheme)) sites.set(scheme, new Set())
      sites.get(scheme)?.add(site)
    }
    for (const [scheme, set] of sites) census.sitesByScheme[scheme] = [...set].sort()
    return census
  } finally {
    database.close()
  }
}
