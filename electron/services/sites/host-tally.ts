import type { SiteRow } from '../../../shared/domain/sites'
import { deviceBoundWarning, sensitiveCategory } from './site-categories'
import { cleanHost, siteOf } from './site-of'
import { textOrder } from '../../../shared/text-order'

/** Cookie names that carry a sign-in, as sites commonly name them. */
const SIGN_IN = /sess|sid|auth|token|jwt|login|logged|remember|sso|saml|oidc|refresh|^__(secure|host)-/i

interface Tally {
  cookies: number
  signInCookie: boolean
  savedLogins: number
  storageBytes: number
}

const empty = (): Tally => ({ cookies: 0, signInCookie: false, savedLogins: 0, storageBytes: 0 })

/**
 * What a profile holds, per host: host-only cookies, storage and saved logins belong to their host;
 * a domain cookie (".example.com") is shared by every host at or below its domain, so it counts for
 * each of them; a domain nobody visited below stands as a host of its own (the apex).
 */
export class HostTally {
  private readonly hosts = new Map<string, Tally>()
  private readonly domains = new Map<string, Tally>()
  /** The last visit of each host in history; a host seen only there is listed when a domain cookie reaches it. */
  private readonly visits = new Map<string, number>()

  private at(map: Map<string, Tally>, host: string): Tally {
    let tally = map.get(host)
    if (tally === undefined) map.set(host, (tally = empty()))
    return tally
  }

  cookie(hostKey: string, signIn: { name: string; lasting: boolean }): void {
    const tally = this.at(hostKey.startsWith('.') ? this.domains : this.hosts, cleanHost(hostKey))
    tally.cookies += 1
    if (signIn.lasting && SIGN_IN.test(signIn.name)) tally.signInCookie = true
  }

  storage(host: string, bytes: number): void {
    this.at(this.hosts, cleanHost(host)).storageBytes += bytes
  }

  login(host: string): void {
    this.at(this.hosts, cleanHost(host)).savedLogins += 1
  }

  visit(host: string, atMs: number): void {
    const clean = cleanHost(host)
    this.visits.set(clean, Math.max(this.visits.get(clean) ?? 0, atMs))
  }

  /** The host and its parent domains down to its registrable domain: the domain cookies it receives. */
  private parents(host: string, site: string): string[] {
    const names: string[] = []
    for (let name = host; ; name = name.slice(name.indexOf('.') + 1)) {
      names.push(name)
      if (name === site || !name.includes('.')) return names
    }
  }

  rows(): SiteRow[] {
    const candidates = new Set([...this.hosts.keys(), ...[...this.visits.keys()].filter((host) => this.reachedByDomainCookie(host))])
    const covered = new Set([...candidates].flatMap((host) => this.parents(host, siteOf(host).site)))
    for (const domain of this.domains.keys()) if (!covered.has(domain)) candidates.add(domain)
    const rows: SiteRow[] = []
    for (const host of candidates) {
      const { site, public: isPublic } = siteOf(host)
      const own = this.hosts.get(host) ?? empty()
      const shared = this.parents(host, site)
        .map((name) => this.domains.get(name))
        .filter((tally): tally is Tally => tally !== undefined)
      const cookies = own.cookies + shared.reduce((sum, tally) => sum + tally.cookies, 0)
      if (cookies === 0 && own.savedLogins === 0 && own.storageBytes === 0) continue
      const signedIn = own.signInCookie || shared.some((tally) => tally.signInCookie) || own.savedLogins > 0
      const category = isPublic ? sensitiveCategory(host) : undefined
      const deviceBound = deviceBoundWarning(host)
      const lastVisitMs = this.visits.get(host) ?? 0
      rows.push({
        host,
        site,
        public: isPublic,
        cookies,
        signedIn,
        savedLogins: own.savedLogins,
        ...(lastVisitMs > 0 ? { lastVisit: new Date(lastVisitMs).toISOString() } : {}),
        storageBytes: own.storageBytes,
        ...(category === undefined ? {} : { category }),
        ...(deviceBound === undefined ? {} : { deviceBound }),
        suggested: isPublic && signedIn && category === undefined
      })
    }
    return rows.sort(
      (a, b) =>
        Number(b.signedIn) - Number(a.signedIn) ||
        textOrder(b.lastVisit ?? '', a.lastVisit ?? '') ||
        textOrder(a.site, b.site) ||
        textOrder(a.host, b.host)
    )
  }

  private reachedByDomainCookie(host: string): boolean {
    return this.parents(host, siteOf(host).site).some((name) => this.domains.has(name))
  }
}
