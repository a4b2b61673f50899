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
function rowOf(
  cookie: SuppliedCookie,
  version: number,
  nowMs: number,
  index: number,
  hashOf: (host: string) => Buffer = hostHash
): Record<string, string | number | Uint8Array> {
  const now = chromeTime(nowMs)
  const plain = Buffer.from(cookie.value, 'utf8')
  return {
    creation_utc: now + index,
    host_key: cookie.domain,
    top_frame_site_key: cookie.partitionKey?.topLevelSite ?? '',
    name: cookie.name,
    value: '',
    encrypted_value: encryptCbc(PORTABLE_KEY, version >= 24 ? Buffer.concat([hashOf(cookie.domain), plain]) : plain),
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

/** How a long rewrite reports and stops: bytes of sign-ins written so far, and the person's cancel. */
export interface StepControl {
  signal?: AbortSignal
  onProgress?(done: number, total: number): void
}

const sizeOf = (cookie: SuppliedCookie) => cookie.domain.length + cookie.name.length + cookie.value.length + cookie.path.length

/** The last of each cookie wins, as it would in the browser: two rows of one cookie must not both go in. Keyed by identity. */
function lastOfEach(cookies: SuppliedCookie[]): Map<string, SuppliedCookie> {
  const byIdentity = new Map<string, SuppliedCookie>()
  for (const cookie of cookies) {
    const identity = suppliedIdentity(cookie)
    byIdentity.delete(identity)
    byIdentity.set(identity, cookie)
  }
  return byIdentity
}

/**
 * Writes supplied cookies into a Cookies database, over any row that is the same cookie, in one
 * pass: the rows they replace are found by one scan and deleted by rowid (a delete per cookie on
 * part of the unique index rescans a host's rows each time, quadratic on few hosts), then every
 * row goes in through one prepared statement. Only the columns this version has. Cancellable, with
 * progress, every few thousand rows.
 */
export function insertSupplied(
  database: Database,
  cookies: SuppliedCookie[],
  version: number,
  nowMs: number,
  step: StepControl = {}
): void {
  const columns = new Set(allRows(database, 'PRAGMA table_info(cookies)').map((row) => String(row['name'])))
  const latest = lastOfEach(cookies)
  const incoming = [...latest.values()]
  const frame = columns.has('top_frame_site_key') ? 'top_frame_site_key' : "''"
  const doomed: number[] = []
  for (const row of database.each(`SELECT rowid AS id, host_key, name, path, ${frame} AS frame FROM cookies`)) {
    const identity = cookieIdentity(String(row['host_key']), String(row['name']), String(row['path']), String(row['frame']))
    if (latest.has(identity)) doomed.push(Number(row['id']))
  }
  const remove = database.prepare('DELETE FROM cookies WHERE rowid = ?')
  try {
    for (const id of doomed) remove.run([id])
  } finally {
    remove.free()
  }
  const written = Object.keys(
    rowOf(incoming[0] ?? { domain: '', name: '', value: '', path: '/', secure: false, httpOnly: false }, version, nowMs, 0)
  ).filter((column) => columns.has(column))
  const insert = database.prepare(`INSERT INTO cookies (${written.join(', ')}) VALUES (${written.map(() => '?').join(', ')})`)
  const total = incoming.reduce((sum, cookie) => sum + sizeOf(cookie), 0)
  const hashes = new Map<string, Buffer>()
  const hashOf = (host: string) => {
    let hash = hashes.get(host)
    if (hash === undefined) hashes.set(host, (hash = hostHash(host)))
    return hash
  }
  let done = 0
  try {
    incoming.forEach((cookie, index) => {
      if (index % 2000 === 0) {
        step.signal?.throwIfAborted()
        step.onProgress?.(done, total)
      }
      const row = rowOf(cookie, version, nowMs, index, hashOf)
      insert.run(written.map((column) => row[column] ?? null))
      done += sizeOf(cookie)
    })
  } finally {
    insert.free()
  }
  step.onProgress?.(total, total)
}
