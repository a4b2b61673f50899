import { rm } from 'node:fs/promises'
import type { Platform } from '../os/paths'
import { allRows, editDatabase, saveDatabase, type Database } from '../sqlite/open-database'
import { PORTABLE_KEY, decryptCbc, decryptGcm, encryptCbc, hostHash } from './chromium-crypto'
import { classifyCookie, type CookieScheme } from './cookie-schemes'
import type { NotMovedReason, PortabilityReport } from './portability-report'
import { SiteTally } from './site-tally'
import { chromeTime, cookieIdentity, insertSupplied, SESSION_KEEP_MS, suppliedIdentity, type StepControl } from './supplied-rows'
import type { SuppliedCookies } from '../live/supplied-cookie'
import type { ResolvedKeys } from './resolve-keys'

/** The plaintext of one value, or why it cannot be had. Never logged. */
export function decryptValue(
  encrypted: Buffer,
  scheme: CookieScheme,
  keys: ResolvedKeys,
  expectHash: Buffer | undefined
): Buffer | NotMovedReason {
  if (scheme === 'windows-v20') return 'app-bound'
  if (scheme === 'windows-dpapi' || scheme === 'linux-v12' || scheme === 'unknown') return 'unsupported'
  if (scheme === 'windows-v10') {
    if (keys.gcm === undefined) return 'no-key'
    try {
      return check(decryptGcm(keys.gcm, encrypted), expectHash) ?? 'undecryptable'
    } catch {
      return 'undecryptable'
    }
  }
  if (keys.cbc.length === 0) return 'no-key'
  for (const key of keys.cbc) {
    try {
      const plain = check(decryptCbc(key, encrypted), expectHash)
      if (plain !== undefined) return plain
    } catch {
      // Wrong key: the padding check fails; try the next one.
    }
  }
  return 'undecryptable'
}

/** With a host hash expected, a plaintext that does not start with it came from the wrong key. */
function check(plain: Buffer, expectHash: Buffer | undefined): Buffer | undefined {
  if (expectHash === undefined) return plain
  return plain.subarray(0, 32).equals(expectHash) ? plain : undefined
}

export function schemesIn(database: Database, sourceOs: Platform, table: string, column: string): Set<CookieScheme> {
  const found = new Set<CookieScheme>()
  for (const row of allRows(database, `SELECT substr(${column}, 1, 3) AS head FROM ${table}`)) {
    found.add(classifyCookie((row['head'] as Uint8Array | null) ?? new Uint8Array(), sourceOs))
  }
  return found
}

/**
 * Rewrites a staged Cookies database so a Linux Chromium with the basic password store reads
 * it: every decryptable value re-encrypted as v10, the host-hash rule kept for the database's
 * version; values that cannot move are removed (Chromium would otherwise drop their whole site),
 * and session cookies get a short expiry so a fresh start keeps them. Cookies the running browser
 * or a cookie file supplied go in last, over the disk's copy of the same cookie.
 */
export async function rewriteCookies(
  path: string,
  sourceOs: Platform,
  keysFor: (schemes: Set<CookieScheme>) => Promise<ResolvedKeys>,
  now: () => number,
  supplied?: SuppliedCookies,
  step?: StepControl
): Promise<PortabilityReport> {
  const database = await editDatabase(path)
  try {
    const version = Number(allRows(database, "SELECT value FROM meta WHERE key = 'version'")[0]?.['value'] ?? 0)
    const keys = await keysFor(schemesIn(database, sourceOs, 'cookies', 'encrypted_value'))
    const report: PortabilityReport = {
      total: 0,
      moved: 0,
      byScheme: {},
      notMoved: {},
      sitesNeedingLogin: [],
      sessionCookiesKept: 0,
      databaseVersion: version
    }
    const tally = new SiteTally()
    const frame = allRows(database, 'PRAGMA table_info(cookies)').some((row) => row['name'] === 'top_frame_site_key')
      ? 'top_frame_site_key'
      : "''"
    const rows = allRows(
      database,
      `SELECT rowid AS id, host_key, name, path, ${frame} AS frame, encrypted_value, is_persistent FROM cookies`
    )
    database.exec('BEGIN')
    for (const row of rows) {
      const host = String(row['host_key'])
      const identity = cookieIdentity(host, String(row['name']), String(row['path']), String(row['frame']))
      const encrypted = Buffer.from((row['encrypted_value'] as Uint8Array | null) ?? new Uint8Array())
      const scheme = classifyCookie(encrypted, sourceOs)
      const byScheme = (report.byScheme[scheme] ??= { found: 0, moved: 0 })
      byScheme.found += 1
      let result: Buffer | NotMovedReason | 'plain' = 'plain'
      if (scheme !== 'plain') result = decryptValue(encrypted, scheme, keys, version >= 24 ? hostHash(host) : undefined)
      if (typeof result === 'string' && result !== 'plain') {
        tally.disk(identity, host, result)
        database.run('DELETE FROM cookies WHERE rowid = ?', [row['id'] as number])
        continue
      }
      if (result !== 'plain')
        database.run("UPDATE cookies SET encrypted_value = ?, value = '' WHERE rowid = ?", [
          encryptCbc(PORTABLE_KEY, result),
          row['id'] as number
        ])
      if (Number(row['is_persistent']) === 0) {
        database.run('UPDATE cookies SET is_persistent = 1, has_expires = 1, expires_utc = ? WHERE rowid = ?', [
          chromeTime(now() + SESSION_KEEP_MS),
          row['id'] as number
        ])
        report.sessionCookiesKept += 1
      }
      tally.disk(identity, host, 'disk')
      byScheme.moved += 1
    }
    if (supplied !== undefined) {
      insertSupplied(database, supplied.cookies, version, now(), step)
      for (const cookie of supplied.cookies) tally.supplied(suppliedIdentity(cookie), cookie.domain, supplied.via)
      report.sessionCookiesKept += supplied.cookies.filter((cookie) => cookie.expires === undefined).length
    }
    database.exec('COMMIT')
    report.sites = tally.table()
    report.total = tally.total
    for (const site of report.sites) {
      report.moved += site.moved
      for (const [reason, count] of Object.entries(site.notMoved ?? {}))
        report.notMoved[reason as NotMovedReason] = (report.notMoved[reason as NotMovedReason] ?? 0) + count
    }
    report.sitesNeedingLogin = report.sites.filter((site) => site.notMoved !== undefined).map((site) => site.site)
    if (keys.problem !== undefined && (report.notMoved['no-key'] ?? 0) > 0) report.keyProblem = keys.problem
    await saveDatabase(database, path)
    // A journal beside the rewritten file would be replayed over it: it goes.
    await Promise.all(['-journal', '-wal', '-shm'].map((suffix) => rm(`${path}${suffix}`, { force: true })))
    return report
  } finally {
    database.close()
  }
}
