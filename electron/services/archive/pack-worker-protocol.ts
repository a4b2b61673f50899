import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import type { Platform } from '../os/paths'
import type { ArchiveFormat, ArchiveProgressEvent, CreateArchiveOptions } from './create-archive'
import type { PorterManifest } from './manifest'
import type { SentError } from './sent-error'

/** What the packing thread is given: the archive's options, as data (no callbacks, no signal). */
export interface PackJob extends Pick<
  CreateArchiveOptions,
  'profile' | 'format' | 'tempRoot' | 'sourceOs' | 'choice' | 'include' | 'supplied'
> {
  kind: 'pack'
  /** The service's cap; the caller's own error says it when the archive outgrows it. */
  limitBytes?: number
  /**
   * Portability: run in the packing thread, asking the caller only for the OS's keys ('thread'),
   * handed whole to the caller ('caller'), or not at all.
   */
  portable?: { runs: 'thread'; sourceOs: Platform } | { runs: 'caller' }
}

/** Pre-flight's look at a profile: what an archive of it would hold, and how large it would be. */
export interface SurveyJob {
  kind: 'survey'
  profile: DetectedProfile
  format: ArchiveFormat
  choice?: SiteChoice
  include?: IncludeOptions
}

export interface Survey {
  keptBytes: number
  files: number
  /** The archive's estimated size. */
  packedBytes: number
  /** What packing copies into its work folder to rewrite. */
  rewrittenBytes: number
}

export type KeyQuestion = 'keychainPassword' | 'dpapiUnprotect' | 'keyringPasswords' | 'makePortable'

interface PackedArchive {
  file: string
  sizeBytes: number
  sha256: string
  manifest: PorterManifest
}

export type FromPacker =
  | { type: 'progress'; event: ArchiveProgressEvent }
  | { type: 'ask'; id: number; question: KeyQuestion; args: unknown[] }
  | { type: 'done'; archive: PackedArchive }
  | { type: 'surveyed'; survey: Survey }
  | { type: 'failed'; error: SentError }

export type ToPacker =
  { type: 'job'; job: PackJob | SurveyJob } | { type: 'abort' } | { type: 'answer'; id: number; value?: unknown; error?: SentError }
