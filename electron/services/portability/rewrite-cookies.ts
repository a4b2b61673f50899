import { rm } from 'node:fs/promises'
import type { Database } from 'sql.js'
import type { Platform } from '../os/paths'
import { allRows, openDatabase, saveDatabase } from '../sqlite/open-database'
import { PORTABLE_KEY, decryptCbc, decryptGcm, encryptCbc, hostHash } from './chromium-crypto'
import { classifyCookie, type CookieScheme } from './cookie-schemes'
import type { NotMovedReason, PortabilityReport } from './portability-report'
import type { ResolvedKeys } from './resolve-keys'

/** Chromium's clock: microseconds since 1601-01-01. */
function chromeTime(ms: number): number {
  return (ms + 11_644_473_600_000) * 1000
}

const SESSION_KEEP_MS = 7 * 24 * 60 * 60 * 1000

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
 * and session cookies get a short expiry so a fresh start keeps them.
 */
export async function rewriteCookies(
  path: string,
  sourceOs: Platform,
  keysFor: (schemes: Set<CookieScheme>) => Promise<ResolvedKeys>,
  now: () => number
): Promise<PortabilityReport> {
  const database = await openDatabase(path)
  try {
    const version = Number(allRows(database, "SELECT value FROM meta WHERE key = 'version'")[0]?.['value'] ?? 0)
    const keys = await keysFor(schemesIn(database, sourceOs, 'cookies', 'encrypted_value'))
    const report: PortabilityReport = { total: 0, moved: 0, byScheme: {}, notMoved: {}, sitesNeedingLogin: [], sessionCookiesKept: 0, databaseVersion: version }
    const sites = new Set<string>()
    const rows = allRows(database, 'SELECT rowid AS id, host_key, encrypted_value, is_persistent FROM cookies')
    database.exec('BEGIN')
    for (const row of rows) {
      const host = String(row['host_key'])
      const encrypted = Buffer.from((row['encrypted_value'] as Uint8Array | null) ?? new Uint8Array())
      const scheme = classifyCookie(encrypted, sourceOs)
      const tally = (report.byScheme[scheme] ??= { found: 0, moved: 0 })
      tally.found += 1
      report.total += 1
      let result: Buffer | NotMovedReason | 'plain' = 'plain'
      if (scheme !== 'plain') result = decryptValue(encrypted, scheme, keys, version >= 24 ? hostHash(host) : undefined)
      if (typeof result === 'string' && result !== 'plain') {
        report.notMoved[result] = (report.notMoved[result] ?? 0) + 1
        sites.add(host.replace(/^\./, ''))
        database.run('DELETE FROM cookies WHERE rowid = ?', [row['id'] as number])
        continue
      }
      if (result !== 'plain') database.run("UPDATE cookies SET encrypted_value = ?, value = '' WHERE rowid = ?", [encryptCbc(PORTABLE_KEY, result), row['id'] as number])
      if (Number(row['is_persistent']) === 0) {
        database.run('UPDATE cookies SET is_persistent = 1, has_expires = 1, expires_utc = ? WHERE rowid = ?', [chromeTime(now() + SESSION_KEEP_MS), row['id'] as number])
        report.sessionCookiesKept += 1
      }
      tally.moved += 1
      report.moved += 1
    }
    database.exec('COMMIT')
    report.sitesNeedingLogin = [...sites].sort()
    await saveDatabase(database, path)
    // A journal beside the rewritten file would be replayed over it: it goes.
    await Promise.all(['-journal', '-wal', '-shm'].map((suffix) => rm(`${path}${suffix}`, { force: true })))
    return report
  } finally {
    database.close()
  }
}
