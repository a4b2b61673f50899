import { copyFile, mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Platform } from '../os/paths'
import { cookieCensus } from '../portability/cookie-census'
import type { ArchiveEntry } from './entries'
import type { PorterManifest } from './manifest'
import { markCleanExit, writeNormalisedLocalState } from './normalise-chromium'
import type { FileTable } from './file-table'

/** The profile's databases that the portability step rewrites, as copies in the work folder. */
export interface PortableFiles {
  cookies?: string
  loginData?: string
}

/** Makes copied cookie (and password) databases readable by the cloud's browser; its report joins the manifest. */
export type MakePortable = (files: PortableFiles, profile: DetectedProfile) => Promise<Partial<PorterManifest>>

/**
 * What the archive takes from the work folder instead of the profile: only the files Profile
 * Porter changes. Everything else is read in place, straight from the profile.
 */
export interface Rewrites {
  /** Archive path → the work-folder file that replaces the profile's own, as it is once rewritten. */
  replaced: Map<string, { file: string; size: number; mtimeMs: number }>
  /** Archive paths not shipped (journals of a rewritten database would be replayed over it). */
  dropped: Set<string>
  /** Entries from outside the profile folder (Local State, Last Version). */
  added: ArchiveEntry[]
  manifest: Partial<PorterManifest>
}

const SIDECARS = ['-journal', '-wal', '-shm']

async function fileEntry(path: string, file: string): Promise<ArchiveEntry | undefined> {
  const stats = await stat(file).catch(() => undefined)
  if (stats?.isFile() !== true) return undefined
  return { path, size: stats.size, mtimeMs: stats.mtimeMs, mode: stats.mode, source: { file } }
}

/** Copies a kept database into the work folder, for a rewrite; its journals stay behind with it. */
async function takeCopy(profileDir: string, kept: string | undefined, workDir: string, name: string, rewrites: Rewrites, prefix: string): Promise<string | undefined> {
  if (kept === undefined) return undefined
  const copy = join(workDir, name)
  await copyFile(join(profileDir, ...kept.split('/')), copy)
  rewrites.replaced.set(`${prefix}${kept}`, { file: copy, size: 0, mtimeMs: 0 })
  for (const suffix of SIDECARS) rewrites.dropped.add(`${prefix}${kept}${suffix}`)
  return copy
}

/**
 * The Chromium files an archive needs changed, made in the (owner-only) work folder: Local State
 * naming one profile, `Default`; Preferences marked as cleanly closed; and, when a portability
 * step is given, the Cookies and Login Data databases it rewrites.
 */
export async function prepareChromiumRewrites(
  profile: DetectedProfile,
  files: FileTable,
  workDir: string,
  options: { prefix: string; sourceOs: Platform; includePasswords: boolean; makePortable?: MakePortable }
): Promise<Rewrites> {
  const rewrites: Rewrites = { replaced: new Map(), dropped: new Set(), added: [], manifest: {} }
  const dir = join(workDir, 'rewritten')
  await mkdir(dir, { mode: 0o700 })
  const find = (path: string) => (files.indexOf(path) < 0 ? undefined : path)

  await writeNormalisedLocalState(profile.userDataDir, profile.folderName, join(dir, 'Local State'))
  for (const [path, file] of [['Local State', join(dir, 'Local State')], ['Last Version', join(profile.userDataDir, 'Last Version')]] as const) {
    const entry = await fileEntry(path, file)
    if (entry !== undefined) rewrites.added.push(entry)
  }
  if (find('Preferences') !== undefined) {
    const copy = join(dir, 'Preferences')
    await copyFile(join(profile.profileDir, 'Preferences'), copy)
    await markCleanExit(copy)
    rewrites.replaced.set(`${options.prefix}Preferences`, { file: copy, size: 0, mtimeMs: 0 })
  }

  const cookiesFile = find('Network/Cookies') ?? find('Cookies')
  if (cookiesFile !== undefined) {
    const census = await cookieCensus(join(profile.profileDir, ...cookiesFile.split('/')), options.sourceOs).catch(() => undefined)
    if (census !== undefined) rewrites.manifest.cookies = { total: census.total, byScheme: census.byScheme }
  }
  if (options.makePortable !== undefined) {
    const cookies = await takeCopy(profile.profileDir, cookiesFile, dir, 'Cookies', rewrites, options.prefix)
    const loginData = options.includePasswords ? await takeCopy(profile.profileDir, find('Login Data'), dir, 'Login Data', rewrites, options.prefix) : undefined
    Object.assign(rewrites.manifest, await options.makePortable({ ...(cookies === undefined ? {} : { cookies }), ...(loginData === undefined ? {} : { loginData }) }, profile))
  }
  // Sizes are taken once every rewrite is done: the archive checks what it reads against them.
  for (const replacement of rewrites.replaced.values()) {
    const stats = await stat(replacement.file)
    Object.assign(replacement, { size: stats.size, mtimeMs: stats.mtimeMs })
  }
  return rewrites
}
