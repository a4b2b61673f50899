import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import { PorterError, type PorterErrorData } from '../../../shared/errors'
import type { SuppliedCookies } from '../live/supplied-cookie'
import type { Platform } from '../os/paths'
import type { ArchiveFormat, ArchiveProgressEvent } from './create-archive'
import type { DeflateBatch } from './deflate-help'
import type { PorterManifest } from './manifest'

/** What the packing thread is given: the archive's options, as data. */
export interface PackJob {
  kind: 'pack'
  profile: DetectedProfile
  format: ArchiveFormat
  tempRoot: string
  sourceOs: Platform
  choice?: SiteChoice
  include?: IncludeOptions
  supplied?: SuppliedCookies
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

export interface PackedArchive {
  file: string
  sizeBytes: number
  sha256: string
  manifest: PorterManifest
}

export type SentError =
  | { kind: 'porter'; data: PorterErrorData }
  | { kind: 'limit' }
  | { kind: 'plain'; name: string; message: string; code?: string; path?: string; stack?: string }

export type FromPacker =
  | { type: 'progress'; event: ArchiveProgressEvent }
  | { type: 'ask'; id: number; question: KeyQuestion; args: unknown[] }
  | { type: 'done'; archive: PackedArchive }
  | { type: 'surveyed'; survey: Survey }
  | { type: 'deflate'; batch: DeflateBatch }
  | { type: 'failed'; error: SentError }

export type ToPacker =
  | { type: 'job'; job: PackJob | SurveyJob }
  | { type: 'abort' }
  | { type: 'answer'; id: number; value?: unknown; error?: SentError }
  | { type: 'deflated'; id: number; data: ArrayBuffer; sizes: number[] }

/** The service's cap was reached: the caller turns it into its own plain error. */
export class LimitReached extends Error {}

export function sendError(error: unknown): SentError {
  if (error instanceof PorterError) return { kind: 'porter', data: error.toData() }
  if (error instanceof LimitReached) return { kind: 'limit' }
  const { name, message, code, path, stack } = error as NodeJS.ErrnoException
  return {
    kind: 'plain',
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof path === 'string' ? { path } : {}),
    ...(typeof stack === 'string' ? { stack } : {})
  }
}

/** The error again, on this side: a PorterError as it was; a system error with its code and path, so it is explained the same way. */
export function receiveError(sent: SentError, limit: () => Error): Error {
  if (sent.kind === 'porter') return new PorterError(sent.data)
  if (sent.kind === 'limit') return limit()
  const error = Object.assign(
    new Error(sent.message),
    sent.code === undefined ? {} : { code: sent.code },
    sent.path === undefined ? {} : { path: sent.path }
  )
  error.name = sent.name
  if (sent.stack !== undefined) error.stack = sent.stack
  return error
}
