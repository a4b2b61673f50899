import type { SiteCookies } from '../../../shared/domain/portability'
import { count, figure, noun, whereCookiesWork } from '../../../shared/format'
import type { CookieScheme } from './cookie-schemes'

export type NotMovedReason = 'app-bound' | 'no-key' | 'undecryptable' | 'unsupported'

/**
 * What happened to a profile's cookies, stored in porter-manifest.json and carried by the import
 * job. Sites with a cookie left behind will need a fresh login; session cookies are kept by giving
 * them a short expiry, since a fresh start would drop them.
 */
export interface PortabilityReport {
  total: number
  moved: number
  byScheme: Partial<Record<CookieScheme, { found: number; moved: number }>>
  notMoved: Partial<Record<NotMovedReason, number>>
  sitesNeedingLogin: string[]
  sessionCookiesKept: number
  passwords?: { found: number; moved: number }
  sites?: SiteCookies[]
  databaseVersion?: number
  /** Why this computer's key for the cookies could not be had (cookies counted under 'no-key'). */
  keyProblem?: string
}

/** What happened to the cookies, in one sentence; `local` when they went into the library on this computer. */
export function summarise(report: PortabilityReport, local = false): string {
  const where = whereCookiesWork(local)
  const left = report.total - report.moved
  if (report.total === 0) return 'This profile has no cookies, so no site will be signed in.'
  if (left === 0) return `${noun(report.total, 'The', 'All')} ${count(report.total, 'cookie')} will work ${where}.`
  const sites = report.sitesNeedingLogin
  const why = report.keyProblem === undefined ? '' : ` (${report.keyProblem})`
  return `${figure(report.moved)} of ${count(report.total, 'cookie')} will work ${where}; ${figure(left)} ${noun(left, 'stays', 'stay')} behind${why}, so these sites will need a fresh login: ${sites.slice(0, 8).join(', ')}${sites.length > 8 ? ` and ${sites.length - 8} more` : ''}.`
}
