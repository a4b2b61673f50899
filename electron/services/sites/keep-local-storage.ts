import { readLevelDb } from '../leveldb/read-db'
import { writeLevelDb } from '../leveldb/write-db'
import type { SiteFilter } from './site-filter'

/**
 * The storage key a Local Storage entry belongs to: `_<key>\0…` for data, `META:<key>` and
 * `METAACCESS:<key>` for its size and last use. `VERSION` is the store's own; anything else is
 * nothing this code knows, and nothing it knows is not carried.
 */
function storageKeyOf(key: Buffer): string | 'store' | undefined {
  const text = key.toString('latin1')
  if (text === 'VERSION') return 'store'
  if (text.startsWith('_')) {
    const end = text.indexOf('\0')
    return end < 0 ? undefined : text.slice(1, end)
  }
  return /^META(?:ACCESS)?:(.*)$/s.exec(text)?.[1]
}

/**
 * Chromium keeps every origin's Local Storage in one LevelDB: a new one is written holding only
 * the entries of chosen origins stored under chosen top-level sites (and the store's own), which
 * the browser opens as its own.
 */
export async function keepSitesInLocalStorage(source: string, target: string, filter: SiteFilter, maxBytes?: number): Promise<void> {
  const kept = [...(await readLevelDb(source, maxBytes === undefined ? {} : { maxBytes })).values()].filter(({ key }) => {
    const storageKey = storageKeyOf(key)
    return storageKey === 'store' || (storageKey !== undefined && filter.keepsStorageKey(storageKey))
  })
  await writeLevelDb(target, kept)
}
