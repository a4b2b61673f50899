import type { Capabilities, Profile } from '../../../shared/domain/profile'
import type { TransferPhase } from '../../../shared/domain/transfer'
import { cancelled } from '../../../shared/errors'

/** An archive ready to send: made by the archiver, removed by whoever made it. */
export interface ArchiveToImport {
  file: string
  sizeBytes: number
  sha256: string
  format: 'zip' | 'tgz'
}

export interface ImportDetails {
  name: string
  description?: string
  labels?: Record<string, string>
  browserFamily: 'chromium' | 'firefox'
  browserVersion?: string
}

export interface TransferHooks {
  signal?: AbortSignal
  onPhase?(phase: TransferPhase): void
  onProgress?(bytesDone: number, bytesTotal: number | undefined): void
}

/**
 * One connection to one place that keeps profiles. The window and the CLI talk only to this,
 * never knowing which cloud is behind it; what a service cannot do, its capabilities say.
 */
export interface ProfileService {
  readonly capabilities: Capabilities
  list(signal?: AbortSignal): Promise<Profile[]>
  get(id: string): Promise<Profile>
  createEmpty(details: { name: string; description?: string }): Promise<Profile>
  importArchive(archive: ArchiveToImport, details: ImportDetails, hooks?: TransferHooks): Promise<Profile>
  download(id: string, target: string, hooks?: TransferHooks): Promise<void>
  delete(id: string): Promise<void>
  /** The profile a service starts by default for a browser (H Company), if one is set. */
  getDefault(browser: string): Promise<Profile | undefined>
  setDefault(id: string): Promise<Profile>
  unsetDefault(id: string): Promise<Profile>
  updateLabels(id: string, labels: Record<string, string>): Promise<Profile>
}

/** Browser major version, as H Company wants it ("131" from "131.0.6778.86"). */
export function majorVersion(version: string | undefined): string | undefined {
  return version?.split('.')[0]
}

/**
 * A cancel that lands after the service already made the profile must not leave it there:
 * undo, then report the cancel.
 */
export async function undoIfCancelled(signal: AbortSignal | undefined, undo: () => Promise<unknown>): Promise<void> {
  if (signal?.aborted !== true) return
  await undo().catch(() => undefined)
  throw cancelled()
}
