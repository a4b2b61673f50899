import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Platform } from '../os/paths'
import type { PortabilityReport } from '../portability/portability-report'
import type { LeftOut } from './walk'

export const MANIFEST_NAME = 'porter-manifest.json'

/** What an archive holds, written at its root so a person or a service can tell. */
export interface PorterManifest {
  format: 1
  createdAt: string
  sourceOs: Platform
  browser: { id: string; name: string; family: string; channel: string; version?: string }
  profile: { name: string; folder: string; email?: string }
  includesPasswords: boolean
  leftOut: Array<{ rule: string; reason: string; paths: string[] }>
  /** Cookies found, per encryption scheme. */
  cookies?: Record<string, unknown>
  /** What the portability step moved and what it could not. */
  portability?: PortabilityReport
}

export function buildManifest(profile: DetectedProfile, sourceOs: Platform, leftOut: LeftOut[], options: { includePasswords: boolean; now: Date }): PorterManifest {
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
    profile: { name: profile.name, folder: profile.folderName, ...(profile.email === undefined ? {} : { email: profile.email }) },
    includesPasswords: options.includePasswords,
    leftOut: leftOut.map((item) => ({ rule: item.ruleId, reason: item.reason, paths: item.paths.slice(0, 50) }))
  }
}
