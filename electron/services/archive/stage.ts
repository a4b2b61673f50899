import { copyFileSync, mkdirSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { ArchiveEntry } from './entries'
import { markCleanExit, writeNormalisedLocalState } from './normalise-chromium'
import { compileRules, type RuleOptions } from './rules'
import { walkProfile, type LeftOut } from './walk'

export interface StagedProfile {
  dir: string
  leftOut: LeftOut[]
  bytes: number
}

const SYNC_COPY_BYTES = 256 * 1024

/** Root-level things of Opera's flat layout that belong to the browser, not the profile. */
const FLAT_ROOT_ONLY = new Set(['Local State', 'Last Version', '_side_profiles'])

/**
 * Copies what an archive should hold into `stagingDir` (owner-only): for Chromium, `Local State`
 * and `Default/` whatever the profile's folder was called; for Firefox, the profile's contents.
 */
export async function stageProfile(
  profile: DetectedProfile,
  stagingDir: string,
  options: RuleOptions & { signal?: AbortSignal; onCopied?(bytes: number, total: number): void } = {}
): Promise<StagedProfile> {
  const chromium = profile.family === 'chromium'
  const flatDefault = chromium && profile.profileDir === profile.userDataDir
  const walk = await walkProfile(profile.profileDir, compileRules(profile.family, options), {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(flatDefault ? { skipTopLevel: (name: string) => FLAT_ROOT_ONLY.has(name) } : {})
  })
  const prefix = chromium ? 'Default/' : ''
  await mkdir(stagingDir, { recursive: true, mode: 0o700 })
  const made = new Set<string>()
  let copied = 0
  for (const file of walk.kept) {
    options.signal?.throwIfAborted()
    const target = join(stagingDir, ...`${prefix}${file.path}`.split('/'))
    const parent = dirname(target)
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true, mode: 0o700 })
      made.add(parent)
    }
    // Small files: direct syscalls beat thread-pool round trips by far (see read-ahead.ts).
    if (file.size <= SYNC_COPY_BYTES) copyFileSync(file.absolute, target)
    else await copyFile(file.absolute, target)
    copied += file.size
    options.onCopied?.(copied, walk.keptBytes)
  }
  if (chromium) {
    await mkdir(join(stagingDir, 'Default'), { recursive: true, mode: 0o700 })
    await writeNormalisedLocalState(profile.userDataDir, profile.folderName, join(stagingDir, 'Local State'))
    await markCleanExit(join(stagingDir, 'Default', 'Preferences'))
    await copyFile(join(profile.userDataDir, 'Last Version'), join(stagingDir, 'Last Version')).catch(() => undefined)
  }
  return { dir: stagingDir, leftOut: walk.leftOut, bytes: walk.keptBytes }
}

const KEEP_ALL = { match: () => undefined }

/**
 * Entries for everything in staging as it is now: listed after normalising and the portability
 * step, which rewrite files and remove stale database journals.
 */
export async function listStaged(stagingDir: string): Promise<ArchiveEntry[]> {
  const { kept } = await walkProfile(stagingDir, KEEP_ALL)
  return kept.map((file) => ({ path: file.path, size: file.size, mtime: file.mtime, source: { file: file.absolute } }))
}
