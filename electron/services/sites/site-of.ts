import { parse } from 'tldts'

export interface SiteName {
  /** The registrable domain ("example.co.uk" for "a.b.example.co.uk"), or the host itself when it has none. */
  site: string
  /** False for names only this computer or network knows: localhost, IP addresses, *.local, *.internal … */
  public: boolean
}

/**
 * Top-level names that never reach the public internet (RFC 6761, 6762, 8375, 9476 and common
 * private-network habits). `.arpa` is in the public-suffix list, so home.arpa would pass for public.
 */
const SPECIAL_USE = new Set([
  'localhost',
  'local',
  'internal',
  'test',
  'example',
  'invalid',
  'arpa',
  'onion',
  'alt',
  'lan',
  'home',
  'corp',
  'intranet',
  'private'
])

/** A host as it is compared: lower case, without a cookie's leading dot, a trailing dot or an IPv6 address's brackets. */
export function cleanHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\./, '')
    .replace(/\.$/, '')
    .replace(/^\[|\]$/g, '')
}

/**
 * The site a host belongs to, by the public-suffix list (with its private section, as browsers use it
 * for cookies: each github.io user is a site). Hosts as cookies store them may start with a dot.
 */
export function siteOf(host: string): SiteName {
  const clean = cleanHost(host)
  const parsed = parse(clean, { allowPrivateDomains: true })
  const special = SPECIAL_USE.has(clean.slice(clean.lastIndexOf('.') + 1))
  if (special || parsed.isIp === true || parsed.domain === null || (parsed.isIcann === false && parsed.isPrivate !== true)) {
    return { site: clean, public: false }
  }
  return { site: parsed.domain, public: true }
}

/**
 * `siteOf(host).site` for the rows of one database: hosts repeat across thousands of cookies (the
 * bench's 2,000 have 400), so each host's public-suffix lookup is made once.
 */
export function siteLookup(): (host: string) => string {
  const sites = new Map<string, string>()
  return (host) => {
    let site = sites.get(host)
    if (site === undefined) sites.set(host, (site = siteOf(host).site))
    return site
  }
}

/** The host of a URL or origin ("https://a.example.com:8443/x" → "a.example.com"), without parsing it whole. */
export function hostOfUrl(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1]
}

/**
 * The origin in a Chromium per-origin IndexedDB folder name: "https_app.example.com_0.indexeddb.leveldb"
 * (and .blob) for the LevelDB store, "https_app.example.com_0" for the newer SQLite one.
 */
export function hostOfOriginFolder(name: string): string | undefined {
  return /^(?:https?|file|chrome-extension)_(.+)_\d+(?:\.indexeddb\.(?:leveldb|blob))?$/.exec(name)?.[1]
}

/**
 * The top-level site of a Firefox partitioned cookie or storage folder, from its origin attributes
 * ("^partitionKey=%28https%2Cexample.com%29" → "https://example.com"); "" when it is not partitioned.
 */
export function firefoxPartitionSite(originAttributes: string): string {
  const encoded = /[\^&]partitionKey=([^&]*)/.exec(originAttributes)?.[1]
  if (encoded === undefined) return ''
  let key: string
  try {
    key = decodeURIComponent(encoded)
  } catch {
    return 'unreadable://partition'
  }
  const [scheme = '', site = ''] = key.replace(/^\(|\)$/g, '').split(',')
  return `${scheme}://${site}`
}
