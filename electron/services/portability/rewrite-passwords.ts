import { rm } from 'node:fs/promises'
import type { Platform } from '../os/paths'
import { allRows, editDatabase, saveDatabase } from '../sqlite/open-database'
import { PORTABLE_KEY, encryptCbc } from './chromium-crypto'
import { classifyCookie, type CookieScheme } from './cookie-schemes'
import type { ResolvedKeys } from './resolve-keys'
import { decryptValue, schemesIn } from './rewrite-cookies'

/** Saved passwords, when the person chose to include them: the same treatment as cookies. */
export async function rewritePasswords(
  path: string,
  sourceOs: Platform,
  keysFor: (schemes: Set<CookieScheme>) => Promise<ResolvedKeys>
): Promise<{ found: number; moved: number }> {
  const database = await editDatabase(path)
  try {
    const keys = await keysFor(schemesIn(database, sourceOs, 'logins', 'password_value'))
    const counts = { found: 0, moved: 0 }
    database.exec('BEGIN')
    for (const row of allRows(database, 'SELECT rowid AS id, password_value FROM logins')) {
      const encrypted = Buffer.from((row['password_value'] as Uint8Array | null) ?? new Uint8Array())
      const scheme = classifyCookie(encrypted, sourceOs)
      counts.found += 1
      const plain = scheme === 'plain' ? encrypted : decryptValue(encrypted, scheme, keys, undefined)
      if (typeof plain === 'string') {
        database.run('DELETE FROM logins WHERE rowid = ?', [row['id'] as number])
        continue
      }
      database.run('UPDATE logins SET password_value = ? WHERE rowid = ?', [encryptCbc(PORTABLE_KEY, plain), row['id'] as number])
      counts.moved += 1
    }
    database.exec('COMMIT')
    await saveDatabase(database, path)
    await Promise.all(['-journal', '-wal', '-shm'].map((suffix) => rm(`${path}${suffix}`, { force: true })))
    return counts
  } finally {
    database.close()
  }
}
