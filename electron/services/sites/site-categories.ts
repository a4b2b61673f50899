import type { SiteCategory } from '../../../shared/domain/sites'
import data from './sensitive-sites.json'

const bySite = new Map<string, { id: SiteCategory; reason: string }>()
for (const [id, category] of Object.entries(data.categories)) {
  for (const site of category.sites) if (!bySite.has(site)) bySite.set(site, { id: id as SiteCategory, reason: category.reason })
}
const deviceBound = new Set(data.deviceBound.sites)

/** Why a site starts unticked (e-mail, banking, sign-in accounts, health), from the data file beside this one. */
export function sensitiveCategory(site: string): { id: SiteCategory; reason: string } | undefined {
  return withParents(site)
    .map((name) => bySite.get(name))
    .find((category) => category !== undefined)
}

/** "www.nhs.uk", "nhs.uk", "uk": a listed name that is itself a public suffix (nhs.uk) covers the sites under it. */
function withParents(site: string): string[] {
  const labels = site.split('.')
  return labels.map((_, index) => labels.slice(index).join('.'))
}

/** The warning for sites that bind a sign-in to this computer's hardware (Google's device-bound sessions). */
export function deviceBoundWarning(site: string): string | undefined {
  return withParents(site).some((name) => deviceBound.has(name)) ? data.deviceBound.reason : undefined
}
