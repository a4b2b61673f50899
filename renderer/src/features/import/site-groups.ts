import type { SiteRow } from '../../../../shared/domain/sites'

/** The hosts of one registrable domain, in the order the list ranks them (signed in, then latest visit). */
export interface SiteGroup {
  site: string
  rows: SiteRow[]
}

/** Rows grouped under their registrable domain; a search finds hosts ("bank" in bank.example.com) and whole sites. */
export function siteGroups(rows: SiteRow[], search: string): SiteGroup[] {
  const needle = search.trim().toLowerCase()
  const groups = new Map<string, SiteRow[]>()
  for (const row of rows) {
    if (needle !== '' && !row.host.includes(needle) && !row.site.includes(needle)) continue
    const group = groups.get(row.site)
    if (group === undefined) groups.set(row.site, [row])
    else group.push(row)
  }
  return [...groups].map(([site, hosts]) => ({ site, rows: hosts }))
}
