import { readFile, writeFile } from 'node:fs/promises'
import type { SiteFilter } from './site-filter'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The host a content-settings pattern names ("https://[*.]example.com:443"); none for a pattern that matches every site. */
function hostOfPattern(pattern: string): string | undefined {
  const host = pattern
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^\[\*\.\]/, '')
    .split(/[:/]/)[0]
  return host === undefined || host === '' || host === '*' ? undefined : host
}

/** Keeps the entries of an object keyed by site (a pattern pair, a host) that belong to chosen sites or to every site. */
function keepKeys(object: unknown, filter: SiteFilter, hostOfKey: (key: string) => string | undefined): void {
  if (!isObject(object)) return
  for (const key of Object.keys(object)) {
    const host = hostOfKey(key)
    if (host !== undefined && !filter.keeps(host)) delete object[key]
  }
}

/**
 * Preferences remember sites too: per-site permissions and engagement (content settings, keyed by
 * "primary,secondary" patterns) and zoom levels per host. Only the chosen sites' entries stay, so
 * the names of other sites a person visited do not travel with the profile.
 */
export async function keepSitesInPreferences(path: string, filter: SiteFilter): Promise<void> {
  let preferences: Json
  try {
    preferences = JSON.parse(await readFile(path, 'utf8')) as Json
  } catch {
    return
  }
  const profile = preferences['profile']
  const exceptions = isObject(profile) && isObject(profile['content_settings']) ? profile['content_settings']['exceptions'] : undefined
  if (isObject(exceptions)) {
    for (const type of Object.values(exceptions)) {
      keepKeys(type, filter, (pair) =>
        pair
          .split(',')
          .map(hostOfPattern)
          .find((host) => host !== undefined)
      )
    }
  }
  const partition = preferences['partition']
  const zoom = isObject(partition) ? partition['per_host_zoom_levels'] : undefined
  if (isObject(zoom)) for (const levels of Object.values(zoom)) keepKeys(levels, filter, (host) => host)
  await writeFile(path, JSON.stringify(preferences), { mode: 0o600 })
}
