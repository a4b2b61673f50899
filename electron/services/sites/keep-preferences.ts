import { readFile, writeFile } from 'node:fs/promises'
import type { SiteFilter } from './site-filter'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The settings the cloud browser needs to treat the chosen sites as the person's browser did —
 * languages, cookie and site-permission defaults — and nothing else: no account, sync or sign-in
 * state, no home page or start-up pages, no download folder (it names this computer's user), no
 * extensions, no other site.
 */
const KEPT_PATHS = [
  ['intl', 'accept_languages'],
  ['intl', 'selected_languages'],
  ['profile', 'default_content_setting_values'],
  ['profile', 'cookie_controls_mode'],
  ['profile', 'block_third_party_cookies'],
  ['profile', 'exit_type'],
  ['profile', 'exited_cleanly']
]

/** Per-site settings that decide whether a chosen site works signed in; other kinds (engagement, identity, apps) stay. */
const KEPT_SITE_SETTINGS = new Set([
  'cookies',
  'javascript',
  'images',
  'popups',
  'automatic_downloads',
  'notifications',
  'geolocation',
  'media_stream_camera',
  'media_stream_mic',
  'clipboard',
  'sound',
  'storage_access',
  'top_level_storage_access',
  'third_party_storage_partitioning',
  'tracking_protection'
])

/** The hosts a content-settings pattern names ("https://[*.]example.com:443"); none for "*". A domain pattern is marked. */
function patternHost(pattern: string): { host: string; domain: boolean } | undefined {
  const rest = pattern.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  const domain = rest.startsWith('[*.]')
  const host = (domain ? rest.slice(4) : rest).split(/[:/]/)[0] ?? ''
  return host === '' || host === '*' ? undefined : { host, domain }
}

/** A "primary,secondary" pattern pair is kept only when every site it names is chosen (a domain pattern like a domain cookie). */
function keepsPair(pair: string, filter: SiteFilter): boolean {
  return pair.split(',').every((pattern) => {
    const named = patternHost(pattern)
    return named === undefined || (named.domain ? filter.keepsCookie(`.${named.host}`) : filter.keepsHost(named.host))
  })
}

function pick(source: Json, path: string[], target: Json): void {
  let value: unknown = source
  for (const key of path) value = isObject(value) ? value[key] : undefined
  if (value === undefined) return
  let into = target
  for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Json
  into[path.at(-1) ?? ''] = value
}

function siteSettings(preferences: Json, filter: SiteFilter): Json {
  const profile = preferences['profile']
  const exceptions = isObject(profile) && isObject(profile['content_settings']) ? profile['content_settings']['exceptions'] : undefined
  const kept: Json = {}
  if (!isObject(exceptions)) return kept
  for (const [kind, entries] of Object.entries(exceptions)) {
    if (!KEPT_SITE_SETTINGS.has(kind) || !isObject(entries)) continue
    kept[kind] = Object.fromEntries(Object.entries(entries).filter(([pair]) => keepsPair(pair, filter)))
  }
  return kept
}

function zoomLevels(preferences: Json, filter: SiteFilter): Json | undefined {
  const partition = preferences['partition']
  const zoom = isObject(partition) ? partition['per_host_zoom_levels'] : undefined
  if (!isObject(zoom)) return undefined
  return Object.fromEntries(
    Object.entries(zoom).map(([key, levels]) => [
      key,
      isObject(levels) ? Object.fromEntries(Object.entries(levels).filter(([host]) => filter.keepsHost(host))) : {}
    ])
  )
}

/**
 * With chosen sites, Preferences is rebuilt from an allow-list: the settings above, and the
 * per-site permissions and zoom levels of chosen sites only. A file that does not parse is
 * replaced by an empty one (the browser starts from its defaults).
 */
export async function keepPreferences(path: string, filter: SiteFilter): Promise<void> {
  let preferences: Json = {}
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
    if (isObject(parsed)) preferences = parsed
  } catch {
    // Damaged: nothing of it is carried.
  }
  const kept: Json = {}
  for (const path of KEPT_PATHS) pick(preferences, path, kept)
  const profile = (kept['profile'] ??= {}) as Json
  profile['content_settings'] = { exceptions: siteSettings(preferences, filter) }
  const zoom = zoomLevels(preferences, filter)
  if (zoom !== undefined) kept['partition'] = { per_host_zoom_levels: zoom }
  await writeFile(path, JSON.stringify(kept), { mode: 0o600 })
}
