import { stat } from 'node:fs/promises'
import type { SentSite } from '../../../shared/domain/receipt'
import { allRows, openDatabase } from '../sqlite/open-database'
import type { SiteFilter } from './site-filter'
import { firefoxPartitionSite, siteLookup } from './site-of'
import { textOrder } from '../../../shared/text-order'

const CHROME_EPOCH_MS = 11_644_473_600_000

/** Per cookie: its host, its partition's top-level site, and when it was last set, in milliseconds since 1970. */
const QUERIES = {
  chromium: [
    `SELECT host_key AS host, top_frame_site_key AS frame, MAX(creation_utc, last_update_utc) / 1000 - ${CHROME_EPOCH_MS} AS updated FROM cookies`,
    // Before Chromium kept last_update_utc (cookie database version 20) and partitioned cookies.
    `SELECT host_key AS host, '' AS frame, creation_utc / 1000 - ${CHROME_EPOCH_MS} AS updated FROM cookies`
  ],
  firefox: ['SELECT host, originAttributes AS frame, creationTime / 1000 AS updated FROM moz_cookies']
}

/**
 * The sites an archive carries cookies for, how many each, and when the newest was set: for the
 * manifest and the receipt; with a filter, only the cookies it keeps (what an update would send).
 */
export async function sentPerSite(cookiesDb: string | undefined, family: 'chromium' | 'firefox', filter?: SiteFilter): Promise<SentSite[]> {
  if (cookiesDb === undefined || (await stat(cookiesDb).catch(() => undefined))?.isFile() !== true) return []
  const database = await openDatabase(cookiesDb)
  const sites = new Map<string, { cookies: number; updatedMs: number }>()
  const siteOf = siteLookup()
  try {
    for (const sql of QUERIES[family]) {
      try {
        for (const row of allRows(database, sql)) {
          const frame = family === 'firefox' ? firefoxPartitionSite(String(row['frame'] ?? '')) : String(row['frame'] ?? '')
          if (filter !== undefined && !filter.keepsCookie(String(row['host']), frame)) continue
          const site = siteOf(String(row['host']))
          const tally = sites.get(site) ?? { cookies: 0, updatedMs: 0 }
          tally.cookies += 1
          tally.updatedMs = Math.max(tally.updatedMs, Number(row['updated']) || 0)
          sites.set(site, tally)
        }
        break
      } catch {
        sites.clear()
      }
    }
  } finally {
    database.close()
  }
  return [...sites]
    .map(([site, { cookies, updatedMs }]) => ({
      site,
      cookies,
      ...(updatedMs > 0 ? { updatedAt: new Date(Math.round(updatedMs)).toISOString() } : {})
    }))
    .sort((a, b) => textOrder(a.site, b.site))
}
