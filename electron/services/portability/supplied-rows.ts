import type { SuppliedCookie } from '../live/supplied-cookie'
import { allRows, type Database } from '../sqlite/open-database'
import { PORTABLE_KEY, encryptCbc, hostHash } from './chromium-crypto'

/** Chromium's clock: microseconds since 1601-01-01. */
export function chromeTime(ms: number): number {
  return (ms + 11_644_473_600_000) * 1000
}

export const SESSION_KEEP_MS = 7 * 24 * 60 * 60 * 1000

const SAME_SITE = { None: 0, Lax: 1, Strict: 2 } as const
const PRIORITY = { Low: 0, Medium: 1, High: 2 } as const
const SCHEME = { Unset: 0, NonSecure: 1, Secure: 2 } as const

/** What makes a cookie the same cookie, as far as replacing one goes: where it lives and its name. */
export function cookieIdentity(host: string, name: string, path: string, topFrameSite: string): string {
  return `${host}\t${name}\t${path}\t${topFrameSite}`
}

export function suppliedIdentity(cookie: SuppliedCookie): string {
  return cookieIdentity(cookie.domain, cookie.name, cookie.path, cookie.partitionKey?.topLevelSite ?? '')
}

/**
 * The row a Linux Chromium with the basic password store reads for a supplied cookie: the value
 * encrypted as v10 (after its host's hash, for database version 24 and later), every attribute
 * kept, a session cookie given a week so that a fresh start keeps it. A file that does not say
 * how the cookie was set leaves the scheme and port unset, so Chromium does not bind it to one.
 */
function rowOf(cookie: SuppliedCookie, version: number, nowMs: number, index: number): Record<string, string | number | Uint8Array> {
  const now = chromeTime(nowMs)
  const plain = Buffer.from(cookie.value, 'utf8')
  return {
    creation_utc: now + index,
    host_key: cookie.domain,
    top_frame_site_key: cookie.partitionKey?.topLevelSite ?? '',
    name: cookie.name,
    value: '',
    encrypted_value: encryptCbc(PORTABLE_KEY, version >= 24 ? Buffer.concat([hostHash(cookie.domain), plain]) : plain),
    path: cookie.path,
    expires_utc: cookie.expires === undefined ? chromeTime(nowMs + SESSION_KEEP_MS) : chromeTime(cookie.expires * 1000),
    is_secure: cookie.secure ? 1 : 0,
    is_httponly: cookie.httpOnly ? 1 : 0,
    last_access_utc: now,
    has_expires: 1,
    is_persistent: 1,
    priority: PRIORITY[cookie.priority ?? 'Medium'],
    samesite: cookie.sameSite === undefined ? -1 : SAME_SITE[cookie.sameSite],
    source_scheme: SCHEME[cookie.sourceScheme ?? 'Unset'],
    source_port: cookie.sourcePort ?? -1,
    last_update_utc: now,
    source_type: 0,
    has_cross_site_ancestor: cookie.partitionKey?.hasCrossSiteAncestor === true ? 1 : 0
  }
}

/** Writes supplied cookies into a Cookies database, over any row that is the same cookie. Only the columns this version has. */
export function insertSupplied(database: Database, cookies: SuppliedCookie[], version: number, nowMs: number): void {
  const columns = new Set(allRows(database, 'PRAGMA table_info(cookies)').map((row) => String(row['name'])))
  cookies.forEach((cookie, index) => {
    database.run(
      'DELETE FROM cookies WHERE host_key = ? AND name = ? AND path = ?' +
        (columns.has('top_frame_site_key') ? ' AND top_frame_site_key = ?' : ''),
      [cookie.domain, cookie.name, cookie.path, ...(columns.has('top_frame_site_key') ? [cookie.partitionKey?.topLevelSite ?? ''] : [])]
    )
    const row = Object.entries(rowOf(cookie, version, nowMs, index)).filter(([column]) => columns.has(column))
    database.run(
      `INSERT INTO cookies (${row.map(([column]) => column).join(', ')}) VALUES (${row.map(() => '?').join(', ')})`,
      row.map(([, value]) => value)
    )
  })
}
