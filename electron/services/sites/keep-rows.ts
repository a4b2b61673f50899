import { rm } from 'node:fs/promises'
import { allRows, editDatabase, saveDatabase, type Database } from '../sqlite/open-database'
import type { SiteFilter } from './site-filter'
import { firefoxPartitionSite } from './site-of'

export interface KeepRowsPlan {
  /** Deletions (and clearings) that leave only the chosen sites' rows; one a browser version does not support is skipped. */
  statements: string[]
  /**
   * Tables these statements narrow, or keep as they are because they name no site. Any other table
   * (a newer browser's) could name a site this code has never heard of: it is emptied. Undefined
   * for a database that travels whole but for the statements (autofill).
   */
  known?: string[]
}

/** The SQL functions the statements use: whether a host, a URL or a cookie (host key, top-frame site) is kept. */
function addFilterFunctions(database: Database, filter: SiteFilter): void {
  database.create_function('porter_keeps_host', (host: unknown) => (filter.keepsHost(String(host ?? '')) ? 1 : 0))
  database.create_function('porter_keeps_url', (url: unknown) => (filter.keepsUrl(String(url ?? '')) ? 1 : 0))
  database.create_function('porter_keeps_cookie', (hostKey: unknown, topFrame: unknown) =>
    filter.keepsCookie(String(hostKey ?? ''), String(topFrame ?? '')) ? 1 : 0
  )
  // A page's address without what follows ? or #: queries carry other sites' addresses, search words and tokens.
  database.create_function('porter_page', (url: unknown) => String(url ?? '').replace(/[?#].*$/s, ''))
  database.create_function('porter_firefox_partition', (attributes: unknown) => firefoxPartitionSite(String(attributes ?? '')))
}

function tablesOf(database: Database): string[] {
  return allRows(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").map((row) =>
    String(row['name'])
  )
}

/**
 * Rewrites a copied SQLite database so that only the chosen sites' rows remain, then vacuums it:
 * a deleted row would otherwise still sit in the file's free pages, readable by anyone who looks.
 */
export async function keepRows(path: string, filter: SiteFilter, plan: KeepRowsPlan): Promise<void> {
  const database: Database = await editDatabase(path)
  try {
    addFilterFunctions(database, filter)
    for (const statement of plan.statements) {
      try {
        database.exec(statement)
      } catch {
        // This browser version has no such table or column: nothing of it to narrow.
      }
    }
    const known = new Set(plan.known ?? tablesOf(database))
    for (const table of tablesOf(database)) if (!known.has(table)) database.exec(`DELETE FROM "${table.replace(/"/g, '""')}"`)
    database.exec('VACUUM')
    await saveDatabase(database, path)
  } finally {
    database.close()
  }
  // A journal beside the rewritten file would be replayed over it.
  await Promise.all(['-journal', '-wal', '-shm'].map((suffix) => rm(`${path}${suffix}`, { force: true })))
}
