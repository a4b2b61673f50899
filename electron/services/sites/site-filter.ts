import type { SiteChoice } from '../../../shared/domain/sites'
import { cleanHost, hostOfUrl, siteOf } from './site-of'
import { parseStorageKey } from './storage-key'

/**
 * Which data travels when a person sends chosen sites: the one place every store asks. A choice
 * names hosts ("bank.example.com"); "*.example.com" names every host of a site.
 */
export interface SiteFilter {
  /** The registrable sites the choice touches: a partition's or a storage key's top-level site must be one of them. */
  readonly sites: ReadonlySet<string>
  /** Data kept per host or origin (storage, history, saved passwords, a per-origin folder): a chosen host's only. */
  keepsHost(host: string): boolean
  /**
   * A cookie as browsers key it: host-only ("app.example.com") for that host alone; a domain cookie
   * (".example.com") when a chosen host receives it — the host itself or one below it, never a
   * sibling; a partitioned cookie only when its top-level site is chosen too.
   */
  keepsCookie(hostKey: string, topFrameSite?: string): boolean
  /** A top-level site ("https://example.com", "example.com"): one a chosen host belongs to. */
  keepsTopSite(site: string): boolean
  /** A URL or origin ("https://app.example.com:8443/x"): its host is chosen. */
  keepsUrl(url: string): boolean
  /** A Chromium storage key ("https://a.com", "https://a.com/^0https://top.com"): a chosen origin under a chosen top-level site. */
  keepsStorageKey(key: string): boolean
}

/** The host and its parent domains, down to its registrable domain ("a.b.example.com", "b.example.com", "example.com"). */
function withParents(host: string, site: string): string[] {
  const names: string[] = []
  for (let name = host; ; name = name.slice(name.indexOf('.') + 1)) {
    names.push(name)
    if (name === site || !name.includes('.')) return names
  }
}

/**
 * The filter of a choice; none for "everything". Names only this computer knows (localhost, IP
 * addresses, *.local …) never travel in chosen-sites mode, whatever was ticked.
 */
export function siteFilter(choice: SiteChoice | undefined): SiteFilter | undefined {
  if (choice === undefined || choice.mode === 'everything') return undefined
  const hosts = new Set<string>()
  const wholeSites = new Set<string>()
  const sites = new Set<string>()
  /** Every domain a domain cookie may name and still reach a chosen host. */
  const reachable = new Set<string>()
  for (const entry of choice.sites) {
    const whole = entry.trim().startsWith('*.')
    const host = cleanHost(whole ? entry.trim().slice(2) : entry)
    const name = siteOf(host)
    if (!name.public) continue
    ;(whole ? wholeSites : hosts).add(host)
    sites.add(name.site)
    for (const parent of withParents(host, name.site)) reachable.add(parent)
  }
  const underWholeSite = (host: string, site: string) => wholeSites.size > 0 && withParents(host, site).some((name) => wholeSites.has(name))
  const keepsHost = (raw: string) => {
    const host = cleanHost(raw)
    const name = siteOf(host)
    return name.public && (hosts.has(host) || underWholeSite(host, name.site))
  }
  const keepsTopSite = (raw: string) => {
    const host = hostOfUrl(raw) ?? raw
    const name = siteOf(host)
    return name.public && sites.has(name.site)
  }
  const keepsCookie = (hostKey: string, topFrameSite = '') => {
    if (topFrameSite !== '' && !keepsTopSite(topFrameSite)) return false
    if (!hostKey.startsWith('.')) return keepsHost(hostKey)
    const domain = cleanHost(hostKey)
    const name = siteOf(domain)
    return name.public && (reachable.has(domain) || underWholeSite(domain, name.site))
  }
  return {
    sites,
    keepsHost,
    keepsCookie,
    keepsTopSite,
    keepsUrl(url) {
      const host = hostOfUrl(url)
      return host !== undefined && keepsHost(host)
    },
    keepsStorageKey(key) {
      const parts = parseStorageKey(key)
      if (parts === undefined) return false
      const host = hostOfUrl(parts.origin)
      return host !== undefined && keepsHost(host) && (parts.topLevelSite === undefined || keepsTopSite(parts.topLevelSite))
    }
  }
}
