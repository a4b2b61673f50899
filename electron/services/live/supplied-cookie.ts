/**
 * A cookie handed over by the running browser or by an exported cookie file, in the fields a
 * Chromium cookie row needs. Its value is a secret: held in memory for one import, written only
 * into the staged Cookies database, never logged, reported or sent to the window.
 */
export interface SuppliedCookie {
  /** As Chromium keys it: ".example.com" for a domain cookie, "app.example.com" for a host-only one. */
  domain: string
  name: string
  value: string
  path: string
  /** Seconds since 1970; undefined for a session cookie. */
  expires?: number
  secure: boolean
  httpOnly: boolean
  sameSite?: 'Strict' | 'Lax' | 'None'
  priority?: 'Low' | 'Medium' | 'High'
  sourceScheme?: 'Unset' | 'NonSecure' | 'Secure'
  sourcePort?: number
  /** A partitioned (CHIPS) cookie: the top-level site it belongs under. */
  partitionKey?: { topLevelSite: string; hasCrossSiteAncestor: boolean }
}

type SuppliedVia = 'browser' | 'file'

export interface SuppliedCookies {
  via: SuppliedVia
  cookies: SuppliedCookie[]
}
