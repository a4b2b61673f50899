import { randomUUID } from 'node:crypto'
import { PorterError } from '../../../shared/errors'
import type { SuppliedSummary } from '../../../shared/domain/supplied'
import { siteOf } from '../sites/site-of'
import type { SuppliedCookies } from './supplied-cookie'
import { textOrder } from '../../../shared/text-order'

const KEEP_MS = 30 * 60 * 1000

/**
 * Sign-ins read through the browser or from a file, held in memory between the read and the
 * import that uses them: the window gets counts and an id, never a value. An entry is used once
 * and forgotten after 30 minutes either way.
 */
export class SuppliedVault {
  private readonly entries = new Map<string, { ref: string; supplied: SuppliedCookies; timer: NodeJS.Timeout }>()

  put(ref: string, supplied: SuppliedCookies): SuppliedSummary {
    const id = randomUUID()
    const timer = setTimeout(() => this.entries.delete(id), KEEP_MS)
    timer.unref()
    this.entries.set(id, { ref, supplied, timer })
    const bySite = new Map<string, number>()
    for (const cookie of supplied.cookies) bySite.set(siteOf(cookie.domain).site, (bySite.get(siteOf(cookie.domain).site) ?? 0) + 1)
    return {
      id,
      via: supplied.via,
      cookies: supplied.cookies.length,
      sites: [...bySite].map(([site, cookies]) => ({ site, cookies })).sort((a, b) => textOrder(a.site, b.site))
    }
  }

  /** The cookies an import asked for by id; only for the profile they were read from. */
  take(id: string, ref: string): SuppliedCookies {
    const entry = this.entries.get(id)
    if (entry === undefined || entry.ref !== ref) {
      throw new PorterError({
        code: 'not_found',
        message: 'The sign-ins read earlier are no longer held (they are kept for 30 minutes).',
        action: 'Read them again, then import.'
      })
    }
    clearTimeout(entry.timer)
    this.entries.delete(id)
    return entry.supplied
  }
}
