import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Platform } from '../os/paths'
import { throttle } from '../timing/throttle'
import type { ArchiveEntry } from './entries'
import { HashingFileSink } from './hashing-sink'
import { MANIFEST_NAME, buildManifest, type PorterManifest } from './manifest'
import { listStaged, stageProfile } from './stage'
import { writeTarGz } from './tar-writer'
import { cookieCensus, findCookiesDatabase } from '../portability/cookie-census'
import { createWorkDir } from './work-dir'
import { writeZip } from './zip-writer'

export type ArchiveFormat = 'zip' | 'tgz'

export interface ArchiveProgressEvent {
  phase: 'preparing' | 'archiving'
  bytesDone: number
  bytesTotal: number
}

export interface CreateArchiveOptions {
  profile: DetectedProfile
  format: ArchiveFormat
  tempRoot: string
  sourceOs: Platform
  includePasswords?: boolean
  signal?: AbortSignal
  now?: () => Date
  /** At most ten events a second, and always the last one. */
  onProgress?(event: ArchiveProgressEvent): void
  /** Runs on the staged copy before it is archived (cookie portability); its result joins the manifest. */
  transformStaging?(stagingDir: string, profile: DetectedProfile): Promise<Partial<PorterManifest>>
}

export interface ProfileArchive {
  file: string
  format: ArchiveFormat
  sizeBytes: number
  sha256: string
  manifest: PorterManifest
  /** Removes the archive and its private folder. */
  dispose(): Promise<void>
}

/** Cookie counts per scheme for the manifest (no values are read). */
async function stagedCookieCensus(profile: DetectedProfile, stagingDir: string, sourceOs: Platform): Promise<Record<string, unknown> | undefined> {
  if (profile.family !== 'chromium') return undefined
  const database = await findCookiesDatabase(join(stagingDir, 'Default'))
  if (database === undefined) return undefined
  const census = await cookieCensus(database, sourceOs).catch(() => undefined)
  return census === undefined ? undefined : { total: census.total, byScheme: census.byScheme }
}

/**
 * Stages a profile into a private work folder, archives it there (sha256 and size computed while
 * writing), and removes the staging copy. On failure or cancel nothing is left behind.
 */
export async function createProfileArchive(options: CreateArchiveOptions): Promise<ProfileArchive> {
  const now = options.now ?? (() => new Date())
  const workDir = await createWorkDir(options.tempRoot)
  const stagingDir = join(workDir, 'staging')
  const progress = throttle<ArchiveProgressEvent>(100, Date.now, (event) => options.onProgress?.(event))
  const signal = options.signal
  try {
    const staged = await stageProfile(options.profile, stagingDir, {
      includePasswords: options.includePasswords === true,
      ...(signal ? { signal } : {}),
      onCopied: (bytesDone, bytesTotal) => progress.push({ phase: 'preparing', bytesDone, bytesTotal })
    })
    progress.flush()
    const census = await stagedCookieCensus(options.profile, stagingDir, options.sourceOs)
    signal?.throwIfAborted()
    const extra = (await options.transformStaging?.(stagingDir, options.profile)) ?? {}
    const manifest: PorterManifest = {
      ...buildManifest(options.profile, options.sourceOs, staged.leftOut, { includePasswords: options.includePasswords === true, now: now() }),
      ...(census === undefined ? {} : { cookies: census }),
      ...extra
    }
    const manifestEntry: ArchiveEntry = { path: MANIFEST_NAME, size: 0, mtime: now(), source: { data: Buffer.from(JSON.stringify(manifest, null, 2)) } }
    manifestEntry.size = (manifestEntry.source as { data: Buffer }).data.length
    const entries = [...(await listStaged(stagingDir)), manifestEntry]
    const bytesTotal = entries.reduce((sum, entry) => sum + entry.size, 0)
    let bytesDone = 0
    const onRead = (bytes: number) => {
      bytesDone += bytes
      progress.push({ phase: 'archiving', bytesDone, bytesTotal })
    }
    const file = join(workDir, options.format === 'zip' ? 'profile.zip' : 'profile.tar.gz')
    const sink = await HashingFileSink.open(file)
    try {
      const writerOptions = { onRead, ...(signal ? { signal } : {}) }
      if (options.format === 'zip') await writeZip(entries, sink, writerOptions)
      else await writeTarGz(entries, sink, writerOptions)
    } catch (error) {
      await sink.abandon()
      throw error
    }
    const { sha256, size } = await sink.close()
    progress.flush()
    await rm(stagingDir, { recursive: true, force: true })
    return {
      file,
      format: options.format,
      sizeBytes: size,
      sha256,
      manifest,
      dispose: () => rm(workDir, { recursive: true, force: true })
    }
  } catch (error) {
    await rm(workDir, { recursive: true, force: true })
    throw error
  }
}
