/**
 * The check's numbers and counts, free of zod so the renderer can import them without building
 * schemas (their construction probes eval, which the window's CSP refuses).
 */
export const MAX_CHECK_SITES = 10
export const DEFAULT_CHECK_SITES = 5

/** "3 of 4 signed in": the badge's words. */
export function checkSummary(check: { sites: Array<{ state?: string | undefined }> }): { signedIn: number; total: number } {
  return { signedIn: check.sites.filter((site) => site.state === 'signed_in').length, total: check.sites.length }
}

/** Why a check has no site to offer, for the window and the CLI to follow with how to add some. */
export function noSiteOffered(receipt: boolean): string {
  return receipt
    ? "The receipt of this profile's upload names no site a cloud browser can open"
    : "This computer has no receipt of this profile's upload to take sites from"
}
