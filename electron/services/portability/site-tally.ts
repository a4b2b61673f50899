import type { CookieSource, SiteCookies } from '../../../shared/domain/portability'
import { siteLookup } from '../sites/site-of'
import type { NotMovedReason } from './portability-report'
import { textOrder } from '../../../shared/text-order'

type Outcome = { site: string; via: CookieSource } | { site: string; reason: NotMovedReason }

/**
 * The per-site table of a portability report, built from what became of each cookie: a cookie
 * the browser or a file supplied replaces the one the disk could not (or could) move.
 */
export class SiteTally {
  private readonly outcomes = new Map<string, Outcome>()
  private readonly siteOf = siteLookup()

  disk(identity: string, host: string, result: CookieSource | NotMovedReason): void {
    const site = this.siteOf(host)
    this.outcomes.set(identity, result === 'disk' ? { site, via: 'disk' } : { site, reason: result as NotMovedReason })
  }

  supplied(identity: string, host: string, via: CookieSource): void {
    this.outcomes.set(identity, { site: this.siteOf(host), via })
  }

  get total(): number {
    return this.outcomes.size
  }

  table(): SiteCookies[] {
    const bySite = new Map<string, SiteCookies>()
    for (const outcome of this.outcomes.values()) {
      let row = bySite.get(outcome.site)
      if (row === undefined) bySite.set(outcome.site, (row = { site: outcome.site, found: 0, moved: 0, via: [] }))
      row.found += 1
      if ('via' in outcome) {
        row.moved += 1
        if (!row.via.includes(outcome.via)) row.via.push(outcome.via)
      } else {
        row.notMoved = { ...row.notMoved, [outcome.reason]: (row.notMoved?.[outcome.reason] ?? 0) + 1 }
      }
    }
    return [...bySite.values()].sort((a, b) => textOrder(a.site, b.site))
  }
}
