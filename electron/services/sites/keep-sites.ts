import { rm } from 'node:fs/promises'
import { readLevelDb } from '../leveldb/read-db'
import { writeLevelDb } from '../leveldb/write-db'
import { editDatabase, saveDatabase, type Database } from '../sqlite/open-database'
import type { SiteFilter } from './site-filter'
import { hostOfUrl } from './site-of'

/**
 * Rewrites a copied SQLite database so that only the chosen sites' rows remain, then vacuums it:
 * a deleted row would otherwise still sit in the file's free pages, readable by anyone who looks.
 */
async function keepRows(path: string, filter: SiteFilter, statements: string[]): Promise<void> {
  const database: Database = await editDatabase(path)
  try {
    database.create_function('porter_keeps_host', (host: unknown) => (filter.keeps(String(host ?? '')) ? 1 : 0))
    database.create_function('porter_keeps_url', (url: unknown) => {
      const host = hostOfUrl(String(url ?? ''))
      return host !== undefined && filter.keeps(host) ? 1 : 0
    })
    for (const statement of statements) {
      try {
        database.exec(statement)
      } catch {
        // This browser version has no such table: nothing of it to remove.
      }
    }
    database.exec('VACUUM')
    await saveDatabase(database, path)
  } finally {
    database.close()
  }
  // A journal beside the rewritten file would be replayed over it.
  await Promise.all(['-journal', '-wal', '-shm'].map((suffix) => rm(`${path}${suffix}`, { force: true })))
}

export function keepSitesInChromiumCookies(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, ['DELETE FROM cookies WHERE porter_keeps_host(host_key) = 0'])
}

export function keepSitesInFirefoxCookies(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, ['DELETE FROM moz_cookies WHERE porter_keeps_host(host) = 0'])
}

/** Chromium's History: visits, searches, downloads and annotations of other sites go with their URLs. */
export function keepSitesInHistory(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, [
    'DELETE FROM urls WHERE porter_keeps_url(url) = 0',
    'DELETE FROM visits WHERE url NOT IN (SELECT id FROM urls)',
    'DELETE FROM keyword_search_terms WHERE url_id NOT IN (SELECT id FROM urls)',
    'DELETE FROM segment_usage WHERE segment_id IN (SELECT id FROM segments WHERE url_id NOT IN (SELECT id FROM urls))',
    'DELETE FROM segments WHERE url_id NOT IN (SELECT id FROM urls)',
    'DELETE FROM visit_source WHERE id NOT IN (SELECT id FROM visits)',
    'DELETE FROM content_annotations WHERE visit_id NOT IN (SELECT id FROM visits)',
    'DELETE FROM context_annotations WHERE visit_id NOT IN (SELECT id FROM visits)',
    'DELETE FROM clusters_and_visits WHERE visit_id NOT IN (SELECT id FROM visits)',
    'DELETE FROM cluster_visit_duplicates WHERE visit_id NOT IN (SELECT id FROM visits)',
    'DELETE FROM downloads WHERE porter_keeps_url(tab_url) = 0 AND porter_keeps_url(site_url) = 0',
    'DELETE FROM downloads_url_chains WHERE id NOT IN (SELECT id FROM downloads)',
    'DELETE FROM downloads_slices WHERE download_id NOT IN (SELECT id FROM downloads)'
  ])
}

/**
 * Chromium's Web Data, sent as autofill: addresses, cards and form entries are not kept per site and
 * go as they are, but the browser account's sign-in tokens (`token_service`) are no chosen site's.
 */
export function keepSitesInWebData(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, ['DELETE FROM token_service'])
}

/** Chromium's Login Data: saved passwords of the chosen sites only. */
export function keepSitesInLogins(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, [
    'DELETE FROM logins WHERE porter_keeps_url(origin_url) = 0',
    'DELETE FROM insecure_credentials WHERE parent_id NOT IN (SELECT id FROM logins)',
    'DELETE FROM password_notes WHERE parent_id NOT IN (SELECT id FROM logins)',
    'DELETE FROM stats WHERE porter_keeps_url(origin_domain) = 0'
  ])
}

/** The origin a Local Storage key belongs to: `_<origin>\0…`, `META:<origin>`, `METAACCESS:<origin>`; none for `VERSION`. */
function originOfKey(key: Buffer): string | undefined {
  const text = key.toString('latin1')
  if (text.startsWith('_')) return text.slice(1, text.indexOf('\0') < 0 ? undefined : text.indexOf('\0'))
  return /^META(?:ACCESS)?:(.*)$/.exec(text)?.[1]
}

/**
 * Chromium keeps every origin's Local Storage in one LevelDB: a new one is written holding only
 * the chosen sites' entries (and the store's own), which the browser opens as its own.
 */
export async function keepSitesInLocalStorage(source: string, target: string, filter: SiteFilter): Promise<void> {
  const kept = [...(await readLevelDb(source)).values()].filter(({ key }) => {
    const origin = originOfKey(key)
    const host = origin === undefined ? undefined : hostOfUrl(origin)
    return origin === undefined || (host !== undefined && filter.keeps(host))
  })
  await writeLevelDb(target, kept)
}
