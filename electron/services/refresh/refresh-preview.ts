import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Receipt, SentSite } from '../../../shared/domain/receipt'
import type { RefreshPreview } from '../../../shared/domain/refresh'
import { findCookiesDatabase } from '../portability/cookie-census'
import { sentPerSite } from '../sites/sent-per-site'
import { siteFilter } from '../sites/site-filter'

async function sitesNow(profile: DetectedProfile, origin: Receipt): Promise<SentSite[]> {
  const database =
    profile.family === 'chromium' ? await findCookiesDatabase(profile.profileDir) : join(profile.profileDir, 'cookies.sqlite')
  return sentPerSite(database, profile.family, siteFilter(origin.choice))
}

/**
 * What an update would change since the last upload, site by site: sign-ins newer here, sites that
 * would travel now and did not, sites that are gone. Read from cookie names and times, never values.
 */
export async function refreshPreview(origin: Receipt, source: DetectedProfile | undefined, keepsId: boolean): Promise<RefreshPreview> {
  const base = {
    lastSentAt: origin.at,
    mode: origin.choice.mode,
    keepsId,
    source: {
      browser: origin.source.browser,
      profile: origin.source.profile,
      found: source !== undefined,
      running: source?.running === 'running'
    }
  }
  if (source === undefined) return { ...base, newer: [], added: [], gone: [], unchanged: 0 }
  const before = new Map(origin.sites.map((row) => [row.site, row]))
  const now = await sitesNow(source, origin)
  const newer: string[] = []
  const added: string[] = []
  let unchanged = 0
  for (const row of now) {
    const sent = before.get(row.site)
    if (sent === undefined) added.push(row.site)
    else if ((row.updatedAt ?? '') > (sent.updatedAt ?? '')) newer.push(row.site)
    else unchanged += 1
  }
  const present = new Set(now.map((row) => row.site))
  const gone = origin.sites.map((row) => row.site).filter((site) => !present.has(site))
  return { ...base, newer, added, gone, unchanged }
}
