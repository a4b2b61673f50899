import type { Prediction } from '../../../shared/domain/check'
import type { Receipt } from '../../../shared/domain/receipt'
import { siteOf } from '../sites/site-of'

/**
 * What the import expected for a site, from the cookies it moved: signed in when its sign-in
 * cookies travelled readable, signed out when none did (or the site was not sent at all).
 */
export function predictionFor(receipt: Receipt | undefined, url: string): Prediction {
  if (receipt === undefined) return 'unknown'
  const site = siteOf(new URL(url).hostname).site
  const row = receipt.signIns?.find((candidate) => candidate.site === site)
  if (row !== undefined) return row.moved > 0 ? 'signed_in' : 'signed_out'
  const sent = receipt.sites.some((candidate) => candidate.site === site)
  if (!sent && receipt.choice.mode === 'sites') return 'signed_out'
  return 'unknown'
}

/** The receipt's sites, those whose sign-ins travelled first: the first five are checked unless the person changes them. */
export function receiptSites(receipt: Receipt | undefined): string[] {
  if (receipt === undefined) return []
  const moved = (site: string) => (receipt.signIns?.find((row) => row.site === site)?.moved ?? 0) > 0
  return receipt.sites.map((row) => row.site).sort((a, b) => Number(moved(b)) - Number(moved(a)))
}
