import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { includedFor } from '../../../shared/domain/included-for'
import { quitAdvice } from '../../../shared/domain/quit-advice'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import { PorterError } from '../../../shared/errors'
import { describeFileError, plainFileError } from '../fs/plain-file-error'
import type { Platform } from '../os/paths'
import { throttle } from '../timing/throttle'
import type { ArchiveEntry } from './entries'
import { HashingFileSink, type SinkLimit } from './hashing-sink'
import { MANIFEST_NAME, buildManifest, type PorterManifest } from './manifest'
import { prepareChromiumRewrites, prepareFirefoxRewrites, type MakePortable, type Rewrites } from './rewrites'
import { writeTarGz } from './tar-writer'
import { siteFilter } from '../sites/site-filter'
import type { SuppliedCookies } from '../live/supplied-cookie'
import { walkForArchive } from './profile-walk'
import type { LeftOut, WalkResult } from './walk'
import { MIGRATED_MARKER, NETWORK_FOLDER, networkLayoutOnDisk, type NetworkLayout } from './network-layout'
import { pathUnder } from '../fs/path-under'
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
  /** Only chosen sites (the careful default), or everything; undefined is everything. */
  choice?: SiteChoice
  /** History, bookmarks, autofill, passwords: each left out unless asked for. */
  include?: IncludeOptions
  signal?: AbortSignal
  now?: () => Date
  /** At most ten events a second, and always the last one. */
  onProgress?(event: ArchiveProgressEvent): void
  /** Makes the cookies readable by the cloud's browser (copies in the work folder); its report joins the manifest. */
  makePortable?: MakePortable
  /** The service's cap: packing stops as soon as the archive grows past it. */
  limit?: SinkLimit
  /** Cookies the running browser or a cookie file supplied, written over the disk's (needs makePortable). */
  supplied?: SuppliedCookies
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

/** The marker that tells Chromium its network state is in Network/ (see network-layout.ts). */
function markerEntry(prefix: string, now: Date): ArchiveEntry {
  return {
    path: `${prefix}${NETWORK_FOLDER}/${MIGRATED_MARKER}`,
    size: 0,
    mtimeMs: now.getTime(),
    mode: 0o600,
    source: { data: Buffer.alloc(0) }
  }
}

/** Copies of network state the source browser no longer reads: said in the manifest, never sent. */
function notReadByBrowser(walk: WalkResult, layout: NetworkLayout | undefined): LeftOut[] {
  if (layout === undefined) return []
  const paths: string[] = []
  for (let index = 0; index < walk.files.length; index++) {
    const relative = walk.files.path(index)
    if (layout.place(relative) === undefined && !relative.endsWith(MIGRATED_MARKER)) paths.push(relative)
  }
  const reason = 'Older copies the browser no longer reads (it keeps its network state in Network/ now).'
  return paths.length === 0 ? [] : [{ ruleId: 'not-read-by-browser', reason, paths }]
}

/**
 * The archive's entries in order: kept files read in place, the work folder's rewrites in their
 * stead, each where the cloud's browser reads it (the network layout: every mode passes here).
 */
function* archiveEntries(
  walk: WalkResult,
  rewrites: Rewrites,
  profileDir: string,
  prefix: string,
  layout: NetworkLayout | undefined,
  extra: ArchiveEntry[],
  order: Uint32Array
): Generator<ArchiveEntry> {
  yield* rewrites.added
  const { files } = walk
  const inProfile = pathUnder(profileDir)
  for (const index of order) {
    const relative = files.path(index)
    const source = `${prefix}${relative}`
    if (rewrites.dropped.has(source) || rewrites.droppedFolders.some((folder) => source.startsWith(folder))) continue
    const placed = layout === undefined ? relative : layout.place(relative)
    if (placed === undefined) continue
    const path = `${prefix}${placed}`
    const replaced = rewrites.replaced.get(source)
    if (replaced !== undefined)
      yield { path, size: replaced.size, mtimeMs: replaced.mtimeMs, mode: files.mode(index), source: { file: replaced.file } }
    else
      yield {
        path,
        size: files.size(index),
        mtimeMs: files.mtimeMs(index),
        mode: files.mode(index),
        source: { file: inProfile(relative) }
      }
  }
  for (const dir of walk.emptyDirs)
    yield { path: `${prefix}${dir.path}`, size: 0, mtimeMs: dir.mtimeMs, mode: dir.mode, source: { directory: true } }
  yield* extra
}

/**
 * Packs a profile in one pass: kept files are read straight from the profile (the browser is
 * closed), only the files Profile Porter changes are written to a small private work folder, and
 * sha256 and size are computed while writing. Nothing is left behind on failure or cancel.
 */
export async function createProfileArchive(options: CreateArchiveOptions): Promise<ProfileArchive> {
  const now = options.now ?? (() => new Date())
  const { profile, signal } = options
  const workDir = await createWorkDir(options.tempRoot)
  const progress = throttle<ArchiveProgressEvent>(100, Date.now, (event) => options.onProgress?.(event))
  const file = join(workDir, options.format === 'zip' ? 'profile.zip' : 'profile.tar.gz')
  let sink: HashingFileSink | undefined
  try {
    const include = includedFor(options.choice, options.include, profile.family)
    const sites = siteFilter(options.choice)
    const walk = await walkForArchive(profile, { include, ...(sites ? { sites } : {}), ...(signal ? { signal } : {}) })
    progress.push({ phase: 'preparing', bytesDone: 0, bytesTotal: walk.keptBytes })
    const prefix = profile.family === 'chromium' ? 'Default/' : ''
    const layout = profile.family === 'chromium' ? networkLayoutOnDisk(profile.profileDir) : undefined
    const rewriteOptions = {
      prefix,
      ...(layout ? { cookiesPath: layout.cookies } : {}),
      sourceOs: options.sourceOs,
      include,
      ...(sites ? { sites } : {}),
      ...(options.makePortable ? { makePortable: options.makePortable } : {}),
      ...(options.supplied ? { supplied: options.supplied } : {}),
      step: {
        ...(signal ? { signal } : {}),
        onProgress: (bytesDone: number, bytesTotal: number) => progress.push({ phase: 'preparing', bytesDone, bytesTotal })
      }
    }
    const rewrites =
      profile.family === 'chromium'
        ? await prepareChromiumRewrites(profile, walk.files, workDir, rewriteOptions)
        : await prepareFirefoxRewrites(profile, walk.files, workDir, rewriteOptions)
    signal?.throwIfAborted()
    const manifest: PorterManifest = {
      ...buildManifest(profile, options.sourceOs, [...walk.leftOut, ...notReadByBrowser(walk, layout)], { include, now: now() }),
      ...rewrites.manifest
    }
    const manifestData = Buffer.from(JSON.stringify(manifest, null, 2))
    const manifestEntry: ArchiveEntry = {
      path: MANIFEST_NAME,
      size: manifestData.length,
      mtimeMs: now().getTime(),
      mode: 0o644,
      source: { data: manifestData }
    }
    progress.flush()

    const extra = [...(layout ? [markerEntry(prefix, now())] : []), manifestEntry]
    // Sorted once for both passes: the total, then the writing.
    const order = walk.files.order()
    let bytesTotal = 0
    for (const entry of archiveEntries(walk, rewrites, profile.profileDir, prefix, layout, extra, order)) bytesTotal += entry.size
    let bytesDone = 0
    const onRead = (bytes: number) => {
      bytesDone += bytes
      progress.push({ phase: 'archiving', bytesDone, bytesTotal })
    }
    sink = await HashingFileSink.open(file, options.limit)
    const entries = archiveEntries(walk, rewrites, profile.profileDir, prefix, layout, extra, order)
    const writerOptions = { onRead, ...(signal ? { signal } : {}) }
    if (options.format === 'zip') await writeZip(entries, sink, writerOptions)
    else await writeTarGz(entries, sink, writerOptions)
    const { sha256, size } = await sink.close()
    progress.flush()
    await rm(join(workDir, 'rewritten'), { recursive: true, force: true })
    return { file, format: options.format, sizeBytes: size, sha256, manifest, dispose: () => rm(workDir, { recursive: true, force: true }) }
  } catch (error) {
    await sink?.abandon()
    await rm(workDir, { recursive: true, force: true })
    // Only here is the browser known: how to quit that one (Edge keeps running without a window).
    if (error instanceof PorterError && error.code === 'browser_running' && error.action === undefined)
      throw new PorterError({ ...error.toData(), action: quitAdvice(profile.browserName, 'click Retry') })
    if (error instanceof PorterError || signal?.aborted === true) throw error
    // A source that cannot be read names itself; anything else happened to the archive being written.
    const source = (error as NodeJS.ErrnoException).path
    const plain =
      source !== undefined && !source.startsWith(workDir)
        ? plainFileError(error, { path: source, reading: true })
        : await describeFileError(error, { path: file })
    throw plain ?? error
  }
}
