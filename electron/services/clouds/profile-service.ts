import type { Capabilities, Profile } from '../../../shared/domain/profile'
import type { TransferPhase } from '../../../shared/domain/transfer'

/** An archive ready to send: made by the archiver, removed by whoever made it. */
export interface ArchiveToImport {
  file: string
  sizeBytes: number
  sha256: string
  format: 'zip' | 'tgz'
}

interface ImportDetails {
  name: string
  description?: string
  labels?: Record<string, string>
  browserFamily: 'chromium' | 'firefox'
  browserVersion?: string
}

/**
 * What an import has made at the service so far, kept by the job across retries and written to
 * its journal: a retry after a lost answer carries on with what the first attempt made, and never
 * makes a second profile.
 */
export interface MadeSoFar {
  /** The profile this import made (WebRun, the library) or reserved (H Company's initiate). */
  profileId?: string
  /** H Company: complete-upload went through; the profile exists and counts. */
  completed?: boolean
  /** WebRun: the profiles there before this import, so one whose creation's answer was lost is found. */
  existingIds?: string[]
  /** Called after every change, before the import goes on: the job writes it down. */
  changed?(): Promise<void>
}

export interface TransferHooks {
  signal?: AbortSignal
  onPhase?(phase: TransferPhase): void
  onProgress?(bytesDone: number, bytesTotal: number | undefined): void
  made?: MadeSoFar
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
  /**
   * Replaces a profile's data, keeping its id, where the service can (`capabilities.refreshKeepsId`).
   * A replacement that fails leaves the profile's earlier data in place.
   */
  replaceArchive?(id: string, archive: ArchiveToImport, hooks?: TransferHooks): Promise<Profile>
  download(id: string, target: string, hooks?: TransferHooks): Promise<void>
  delete(id: string): Promise<void>
  /** The profile a service starts by default for a browser (H Company), if one is set. */
  getDefault(browser: string): Promise<Profile | undefined>
  setDefault(id: string): Promise<Profile>
  unsetDefault(id: string): Promise<Profile>
  updateLabels(id: string, labels: Record<string, string>): Promise<Profile>
  /** Rebuilds a damaged record from what the profile still holds (the local library). */
  repair?(id: string): Promise<Profile>
}

/** Browser major version, as H Company wants it ("131" from "131.0.6778.86"). */
export function majorVersion(version: string | undefined): string | undefined {
  return version?.split('.')[0]
}
