import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { SiteRow } from '../../../shared/domain/sites'
import { findCookiesDatabase } from '../portability/cookie-census'
import { readLevelDb } from '../leveldb/read-db'
import { allRows, openDatabase } from '../sqlite/open-database'
import { HostTally } from './host-tally'
import { hostOfOriginFolder, hostOfUrl } from './site-of'
import { parseStorageKey } from './storage-key'

/** A History bigger than this is not read for "last visit" (it would all sit in memory). */
const MAX_HISTORY_BYTES = 256 * 1024 * 1024
const CHROME_EPOCH_MS = 11_644_473_600_000

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true
}

async function query(path: string, sql: string): Promise<Array<Record<string, unknown>>> {
  if (!(await exists(path))) return []
  const database = await openDatabase(path).catch(() => undefined)
  if (database === undefined) return []
  try {
    return allRows(database, sql)
  } catch {
    // A table another version of the browser does not have (or a damaged file): nothing to count there.
    return []
  } finally {
    database.close()
  }
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => undefined))?.size ?? 0
  }
  return bytes
}

/** The last visit of each host, from a history database whose query gives `url` and `visited` (ms since 1970). */
async function lastVisits(hosts: HostTally, database: string, sql: string): Promise<void> {
  if (((await stat(database).catch(() => undefined))?.size ?? Infinity) > MAX_HISTORY_BYTES) return
  for (const row of await query(database, sql)) {
    const host = hostOfUrl(String(row['url']))
    if (host !== undefined) hosts.visit(host, Number(row['visited']))
  }
}

async function chromiumHosts(profile: DetectedProfile, hosts: HostTally, nowMs: number): Promise<void> {
  const dir = profile.profileDir
  const cookies = await findCookiesDatabase(dir)
  if (cookies !== undefined) {
    const nowChrome = (nowMs + CHROME_EPOCH_MS) * 1000
    for (const row of await query(cookies, 'SELECT host_key, name, is_persistent, expires_utc FROM cookies')) {
      const lasting = Number(row['is_persistent']) === 1 && Number(row['expires_utc']) > nowChrome
      hosts.cookie(String(row['host_key']), { name: String(row['name']), lasting })
    }
  }
  for (const row of await query(join(dir, 'Login Data'), 'SELECT origin_url FROM logins')) {
    const host = hostOfUrl(String(row['origin_url']))
    if (host !== undefined) hosts.login(host)
  }
  await lastVisits(
    hosts,
    join(dir, 'History'),
    `SELECT url, last_visit_time / 1000 - ${CHROME_EPOCH_MS} AS visited FROM urls WHERE last_visit_time > 0`
  )
  // A damaged (or hostile) store counts for nothing here; packing says so when it leaves it behind.
  const localStorage = await readLevelDb(join(dir, 'Local Storage', 'leveldb')).catch(
    () => new Map<string, { key: Buffer; value: Buffer }>()
  )
  for (const { key, value } of localStorage.values()) {
    const text = key.toString('latin1')
    const end = text.indexOf('\0')
    if (!text.startsWith('_') || end < 0) continue
    const origin = parseStorageKey(text.slice(1, end))?.origin
    const host = origin === undefined ? undefined : hostOfUrl(origin)
    if (host !== undefined) hosts.storage(host, key.length + value.length)
  }
  for (const name of await readdir(join(dir, 'IndexedDB')).catch(() => [] as string[])) {
    const host = hostOfOriginFolder(name)
    if (host !== undefined) hosts.storage(host, await folderBytes(join(dir, 'IndexedDB', name)))
  }
}

async function firefoxHosts(profile: DetectedProfile, hosts: HostTally, nowMs: number): Promise<void> {
  const dir = profile.profileDir
  for (const row of await query(join(dir, 'cookies.sqlite'), 'SELECT host, name, expiry FROM moz_cookies')) {
    hosts.cookie(String(row['host']), { name: String(row['name']), lasting: Number(row['expiry']) * 1000 > nowMs })
  }
  let logins: { logins?: Array<{ hostname?: string }> } = {}
  try {
    logins = JSON.parse((await readFile(join(dir, 'logins.json'), 'utf8').catch(() => '{}')) || '{}') as typeof logins
  } catch {
    // A damaged logins.json lists no saved logins.
  }
  for (const login of Array.isArray(logins.logins) ? logins.logins : []) {
    const host = hostOfUrl(login.hostname ?? '')
    if (host !== undefined) hosts.login(host)
  }
  await lastVisits(
    hosts,
    join(dir, 'places.sqlite'),
    'SELECT url, last_visit_date / 1000 AS visited FROM moz_places WHERE last_visit_date > 0'
  )
  for (const name of await readdir(join(dir, 'storage', 'default')).catch(() => [] as string[])) {
    const host = /^https?\+\+\+([^+^]+)/.exec(name)?.[1]
    if (host !== undefined) hosts.storage(host, await folderBytes(join(dir, 'storage', 'default', name)))
  }
}

/**
 * The hosts a profile holds logins and data for, each its own choice (grouped by registrable domain
 * in the window): cookies it would take along, whether it looks signed in, saved passwords, last
 * visit, stored bytes, and why it may be unwise to send. Read from the browser's files; no cookie
 * value and no password is read.
 */
export async function listSites(profile: DetectedProfile, nowMs: number): Promise<SiteRow[]> {
  const hosts = new HostTally()
  if (profile.family === 'chromium') await chromiumHosts(profile, hosts, nowMs)
  else await firefoxHosts(profile, hosts, nowMs)
  return hosts.rows()
}
