import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { SentSite } from '../../../shared/domain/receipt'
import type { IncludeOptions } from '../../../shared/domain/sites'
import type { Platform } from '../os/paths'
import type { PortabilityReport } from '../portability/portability-report'
import { OTHER_SITES_RULE } from './rules'
import type { LeftOut } from './walk'

export const MANIFEST_NAME = 'porter-manifest.json'

/** What an archive holds, written at its root so a person or a service can tell. */
export interface PorterManifest {
  format: 1
  createdAt: string
  sourceOs: Platform
  browser: { id: string; name: string; family: string; channel: string; version?: string }
  /** The browser's folder name only: the profile's display name and account can name a person. */
  profile: { folder: string }
  leftOut: Array<{ rule: string; reason: string; paths: string[]; count: number }>
  /** Cookies found, per encryption scheme. */
  cookies?: { total: number; byScheme: Partial<Record<string, number>> }
  /** What the portability step moved and what it could not. */
  portability?: PortabilityReport
  /** Only chosen sites, or everything; and the sites whose cookies travel, with how many. */
  sites?: { mode: 'sites' | 'everything'; sent: SentSite[] }
  /** Anything else a person should know about what travelled, in plain words. */
  notes?: string[]
  /** Left out by default, sent when asked: history, bookmarks, autofill, passwords. */
  included?: IncludeOptions
}

export function buildManifest(
  profile: DetectedProfile,
  sourceOs: Platform,
  leftOut: LeftOut[],
  options: { include: IncludeOptions; now: Date }
): PorterManifest {
  return {
    format: 1,
    createdAt: options.now.toISOString(),
    sourceOs,
    browser: {
      id: profile.browserId,
      name: profile.browserName,
      family: profile.family,
      channel: profile.channel,
      ...(profile.browserVersion === undefined ? {} : { version: profile.browserVersion })
    },
    profile: { folder: profile.folderName },
    included: options.include,
    // Other sites' folders are counted, not named: their names would say which sites the person uses.
    leftOut: leftOut.map((item) => ({
      rule: item.ruleId,
      reason: item.reason,
      paths: item.ruleId === OTHER_SITES_RULE.id ? [] : item.paths.slice(0, 50),
      count: item.paths.length
    }))
  }
}
