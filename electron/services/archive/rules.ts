import type { BrowserFamily } from '../../../shared/domain/detected-profile'
import type { IncludeOptions } from '../../../shared/domain/sites'
import { firefoxPartitionSite, hostOfOriginFolder } from '../sites/site-of'
import type { SiteFilter } from '../sites/site-filter'

/**
 * What stays out of an archive, and why, in one place: each rule names what it leaves out and its reason.
 * Patterns are relative to the profile folder: `/` separates folders, `*` matches within a name,
 * a leading `**` segment matches at any depth. A rule that matches a folder leaves out all of it, and a
 * rule that leaves out a SQLite database leaves out its -journal / -wal / -shm too.
 */
export interface LeaveOutRule {
  id: string
  family: BrowserFamily
  patterns: string[]
  reason: string
  /** Left out unless the person asks for it. */
  unless?: keyof IncludeOptions
}

const LOCKS_AND_TEMP = 'Lock, temporary and log files of the running browser; they are never valid on another computer.'
const CACHE = 'Caches the browser rebuilds by itself; they only add size.'

const leaveOutRules: LeaveOutRule[] = [
  {
    id: 'chromium-locks',
    family: 'chromium',
    patterns: [
      '**/LOCK',
      '**/lockfile',
      '**/Singleton*',
      '**/*.tmp',
      '**/.org.chromium.Chromium.*',
      '**/LOG',
      '**/LOG.old',
      'RunningChromeVersion'
    ],
    reason: LOCKS_AND_TEMP
  },
  {
    id: 'chromium-caches',
    family: 'chromium',
    patterns: [
      'Cache',
      'Code Cache',
      'GPUCache',
      'DawnCache',
      'DawnGraphiteCache',
      'DawnWebGPUCache',
      'GrShaderCache',
      'ShaderCache',
      'Storage/ext',
      'blob_storage'
    ],
    reason: CACHE
  },
  {
    id: 'chromium-service-workers',
    family: 'chromium',
    patterns: ['Service Worker'],
    reason: 'Service-worker caches replay on start and can stall a remote browser; sites register them again.'
  },
  {
    id: 'chromium-models',
    family: 'chromium',
    patterns: ['OptGuideOnDeviceModel', 'optimization_guide*', 'segmentation_platform'],
    reason: 'On-device AI models and hints (up to several GB); the browser downloads them again when needed.'
  },
  {
    id: 'chromium-components',
    family: 'chromium',
    patterns: [
      'Crashpad',
      'BrowserMetrics*',
      'Snapshots',
      'component_crx_cache',
      'extensions_crx_cache',
      'Safe Browsing',
      'SafetyTips',
      'WidevineCdm',
      'OnDeviceHeadSuggestModel',
      'CertificateRevocation',
      'Subresource Filter',
      'hyphen-data',
      'ZxcvbnData',
      'FileTypePolicies',
      'MEIPreload',
      'TrustTokenKeyCommitments',
      'PKIMetadata',
      'Dictionaries',
      'Crowd Deny'
    ],
    reason: 'Components the browser downloads for itself; the remote browser has its own.'
  },
  {
    id: 'chromium-regenerable',
    family: 'chromium',
    patterns: [
      'Download Service',
      'GCM Store',
      'Feature Engagement Tracker',
      'Crash Reports',
      'Sync Data',
      'Shared Dictionary',
      'heavy_ad_intervention_opt_out.db',
      'BudgetDatabase',
      'coupon_db',
      'commerce_subscription_db',
      'PersistentOriginTrials',
      'Thumbnails',
      'JumpListIcons*',
      'Reporting and NEL',
      'Conversions'
    ],
    reason: 'Telemetry and data the browser regenerates; not needed to stay signed in.'
  },
  {
    id: 'chromium-history',
    family: 'chromium',
    patterns: ['History'],
    reason: 'Browsing history is private and not needed to stay signed in.',
    unless: 'history'
  },
  {
    id: 'chromium-history-traces',
    family: 'chromium',
    patterns: ['Favicons', 'Top Sites', 'Visited Links', 'Network Action Predictor', 'Shortcuts'],
    reason: 'Traces of browsing (icons, top sites, visited links, shortcuts); the browser rebuilds them from history.'
  },
  {
    id: 'chromium-bookmarks',
    family: 'chromium',
    patterns: ['Bookmarks', 'Bookmarks.bak', 'BookmarkMergedSurfaceOrdering'],
    reason: 'Bookmarks are personal and not needed to stay signed in.',
    unless: 'bookmarks'
  },
  {
    id: 'chromium-autofill',
    family: 'chromium',
    patterns: ['Web Data', 'Account Web Data', 'AutofillStrikeDatabase'],
    reason: 'Autofill keeps your addresses, phone numbers and payment cards; they stay here unless you choose to send them.',
    unless: 'autofill'
  },
  {
    id: 'chromium-secure-preferences',
    family: 'chromium',
    patterns: ['Secure Preferences'],
    reason: 'Signed for this computer only; on another computer the browser would reset your settings.'
  },
  {
    id: 'chromium-passwords',
    family: 'chromium',
    patterns: ['Login Data', 'Login Data For Account'],
    reason: 'Saved passwords stay on this computer unless you choose to include them.',
    unless: 'passwords'
  },
  {
    id: 'firefox-locks',
    family: 'firefox',
    patterns: ['lock', '.parentlock', 'parent.lock', '**/*.tmp'],
    reason: LOCKS_AND_TEMP
  },
  {
    id: 'firefox-caches',
    family: 'firefox',
    patterns: ['cache2', 'startupCache', 'thumbnails', 'shader-cache', 'safebrowsing', 'storage/default/*/cache'],
    reason: CACHE
  },
  {
    id: 'firefox-telemetry',
    family: 'firefox',
    patterns: ['crashes', 'minidumps', 'datareporting', 'saved-telemetry-pings'],
    reason: 'Crash reports and telemetry; not needed to stay signed in.'
  },
  {
    id: 'firefox-passwords',
    family: 'firefox',
    patterns: ['logins.json', 'logins-backup.json', 'key4.db'],
    reason: 'Saved passwords stay on this computer unless you choose to include them.',
    unless: 'passwords'
  },
  {
    id: 'firefox-history',
    family: 'firefox',
    patterns: ['places.sqlite', 'favicons.sqlite'],
    reason: 'Firefox keeps history and bookmarks together; both stay on this computer unless you choose to send them.',
    unless: 'history'
  },
  {
    id: 'firefox-autofill',
    family: 'firefox',
    patterns: ['formhistory.sqlite', 'autofill-profiles.json'],
    reason: 'Form history and saved addresses stay on this computer unless you choose to send them.',
    unless: 'autofill'
  }
]

/**
 * When a person chooses sites, only these travel, and of them only the chosen sites' part (the
 * rewrites narrow the databases, the rules above still leave out what was not asked for). All else
 * a browser keeps holds traces of every site visited — sessions, engagement, bounce tracking,
 * extensions and their storage — so an allow-list, not a list of what to drop, decides.
 */
const CHOSEN_SITES_CARRY: Record<BrowserFamily, string[]> = {
  chromium: [
    'Preferences',
    'Cookies',
    'Network/Cookies',
    'Local Storage/leveldb',
    'IndexedDB',
    'Login Data',
    'History',
    'Bookmarks',
    'Bookmarks.bak',
    'Web Data'
  ],
  firefox: [
    'prefs.js',
    'times.json',
    'compatibility.ini',
    'cookies.sqlite',
    'storage/default',
    'logins.json',
    'logins-backup.json',
    'key4.db',
    'places.sqlite',
    'favicons.sqlite',
    'formhistory.sqlite',
    'autofill-profiles.json'
  ]
}

/** Whether a path is one the chosen-sites list carries, lies inside one, or is a folder on the way to one. */
function carried(family: BrowserFamily, path: string): boolean {
  return CHOSEN_SITES_CARRY[family].some((kept) => path === kept || path.startsWith(`${kept}/`) || kept.startsWith(`${path}/`))
}

const NOT_SITE_DATA_RULE: LeaveOutRule = {
  id: 'not-site-data',
  family: 'chromium',
  patterns: [],
  reason:
    'Kept by the browser across all sites (sessions, site engagement, tracking protections, extensions and their data); when you choose sites it stays on this computer.'
}

/** Per-origin data of a site the person did not choose. */
export const OTHER_SITES_RULE: LeaveOutRule = {
  id: 'other-sites',
  family: 'chromium',
  patterns: [],
  reason: 'Data of sites you did not choose stays on this computer.'
}

export interface RuleOptions {
  include?: IncludeOptions
  /** Set when only chosen sites travel: other sites' per-origin folders are left out. */
  sites?: SiteFilter
}

/**
 * Whether a per-origin folder is a chosen site's: Chromium's IndexedDB/<origin>…; Firefox's
 * storage/default/<origin>[^partitionKey=…] (a partitioned one under a chosen top-level site only).
 * Undefined for a path that is no per-origin folder.
 */
function keepsOriginFolder(path: string, sites: SiteFilter): boolean | undefined {
  const chromium = /^IndexedDB\/([^/]+)$/.exec(path)?.[1]
  if (chromium !== undefined) {
    const host = hostOfOriginFolder(chromium)
    return host !== undefined && sites.keepsHost(host)
  }
  const firefox = /^storage\/default\/([^/]+)$/.exec(path)?.[1]
  if (firefox === undefined) return undefined
  const host = /^(?:https?|wss?)\+\+\+([^+^/]+)/.exec(firefox)?.[1]
  const partition = firefoxPartitionSite(firefox.slice(firefox.indexOf('^') < 0 ? firefox.length : firefox.indexOf('^')))
  return host !== undefined && sites.keepsHost(host) && (partition === '' || sites.keepsTopSite(partition))
}

const SQLITE_SIDECAR = /-(journal|wal|shm)$/

/**
 * A pattern as a regular expression. Chromium moved its network state from the profile folder into
 * `Network/` (network-layout.ts), so a Chromium rule that names a file at the top names it there too.
 */
function toRegExp(pattern: string, family: BrowserFamily): RegExp {
  const anyDepth = pattern.startsWith('**/')
  const body = (anyDepth ? pattern.slice(3) : pattern)
    .split('/')
    .map((segment) =>
      segment
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')
    )
    .join('/')
  if (anyDepth) return new RegExp(`(^|/)${body}$`)
  return new RegExp(family === 'chromium' ? `^(?:Network/)?${body}$` : `^${body}$`)
}

export interface CompiledRules {
  /** The rule that leaves this path out (a folder or a file, relative, `/`-separated), if any. */
  match(relativePath: string): LeaveOutRule | undefined
}

export function compileRules(family: BrowserFamily, options: RuleOptions = {}): CompiledRules {
  const active = leaveOutRules
    .filter((rule) => rule.family === family)
    .filter((rule) => rule.unless === undefined || options.include?.[rule.unless] !== true)
    .map((rule) => ({ rule, patterns: rule.patterns.map((pattern) => toRegExp(pattern, family)) }))
  // Most paths match no rule: one test of every pattern at once answers them (a 20,000-file profile
  // took ~10 µs a path through each pattern in turn), and only a match looks for which rule it was.
  const anyRule = new RegExp(active.flatMap(({ patterns }) => patterns.map((pattern) => `(?:${pattern.source})`)).join('|'))
  return {
    match(relativePath) {
      if (options.sites !== undefined && keepsOriginFolder(relativePath, options.sites) === false) return OTHER_SITES_RULE
      const candidates = SQLITE_SIDECAR.test(relativePath) ? [relativePath, relativePath.replace(SQLITE_SIDECAR, '')] : [relativePath]
      if (candidates.some((path) => anyRule.test(path)))
        for (const { rule, patterns } of active) {
          if (candidates.some((path) => patterns.some((pattern) => pattern.test(path)))) return rule
        }
      if (options.sites !== undefined && !carried(family, relativePath.replace(SQLITE_SIDECAR, ''))) return NOT_SITE_DATA_RULE
      return undefined
    }
  }
}
