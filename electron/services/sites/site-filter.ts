import type { SiteChoice } from '../../../shared/domain/sites'
import { siteOf } from './site-of'

/** Which hosts' data travels when a person sends chosen sites. */
export interface SiteFilter {
  readonly sites: ReadonlySet<string>
  keeps(host: string): boolean
}

/**
 * The filter of a choice; none for "everything". Names only this computer knows (localhost, IP
 * addresses, *.local …) never travel in chosen-sites mode, whatever was ticked.
 */
export function siteFilter(choice: SiteChoice | undefined): SiteFilter | undefined {
  if (choice === undefined || choice.mode === 'everything') return undefined
  // A host typed in ("crm.acme.io") stands for its registrable site, as the list shows it.
  const sites = new Set(choice.sites.map((site) => siteOf(site.trim().toLowerCase()).site))
  return {
    sites,
    keeps(host) {
      const name = siteOf(host)
      return name.public && sites.has(name.site)
    }
  }
}
