import { copyFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { ArchiveEntry } from './entries'
import type { FileTable } from './file-table'
import type { PorterManifest } from './manifest'

/**
 * What the archive takes from the work folder instead of the profile: only the files Profile
 * Porter changes. Everything else is read in place, straight from the profile.
 */
export interface Rewrites {
  /** Archive path → the work-folder file that replaces the profile's own, as it is once rewritten. */
  replaced: Map<string, { file: string; size: number; mtimeMs: number }>
  /** Archive paths not shipped (journals of a rewritten database would be replayed over it). */
  dropped: Set<string>
  /** Folders whose profile files are all replaced by the entries added in their place (a rewritten LevelDB). */
  droppedFolders: string[]
  /** Entries from outside the profile folder (Local State, Last Version, a rewritten LevelDB's files). */
  added: ArchiveEntry[]
  manifest: Partial<PorterManifest>
}

const SIDECARS = ['-journal', '-wal', '-shm']

async function fileEntry(path: string, file: string): Promise<ArchiveEntry | undefined> {
  const stats = await stat(file).catch(() => undefined)
  if (stats?.isFile() !== true) return undefined
  return { path, size: stats.size, mtimeMs: stats.mtimeMs, mode: stats.mode, source: { file } }
}

/** The rewrites of one archive as they are made, in its private work folder. */
export class Work {
  readonly rewrites: Rewrites = { replaced: new Map(), dropped: new Set(), droppedFolders: [], added: [], manifest: {} }

  constructor(
    readonly profile: DetectedProfile,
    readonly files: FileTable,
    readonly dir: string,
    readonly prefix: string
  ) {}

  has(path: string): boolean {
    return this.files.indexOf(path) >= 0
  }

  /** Copies a kept file into the work folder to rewrite it; a database's journals stay behind with it. */
  async take(path: string, name: string): Promise<string | undefined> {
    if (!this.has(path)) return undefined
    const copy = join(this.dir, name)
    await copyFile(join(this.profile.profileDir, ...path.split('/')), copy)
    this.rewrites.replaced.set(`${this.prefix}${path}`, { file: copy, size: 0, mtimeMs: 0 })
    for (const suffix of SIDECARS) this.rewrites.dropped.add(`${this.prefix}${path}${suffix}`)
    return copy
  }

  /**
   * Narrows a taken copy to the chosen sites. A store that cannot be read (damaged, or made to
   * exhaust memory) cannot be narrowed, so it stays on this computer, said in a note: never sent whole.
   */
  async narrow(path: string, copy: string | undefined, label: string, keep: (copy: string) => Promise<void>): Promise<boolean> {
    if (copy === undefined) return false
    try {
      await keep(copy)
      return true
    } catch {
      this.rewrites.replaced.delete(`${this.prefix}${path}`)
      this.rewrites.dropped.add(`${this.prefix}${path}`)
      this.note(`${label} could not be read (it looks damaged), so it stayed on this computer.`)
      return false
    }
  }

  note(text: string): void {
    ;(this.rewrites.manifest.notes ??= []).push(text)
  }

  async add(path: string, file: string): Promise<void> {
    const entry = await fileEntry(path, file)
    if (entry !== undefined) this.rewrites.added.push(entry)
  }

  /** Sizes are taken once every rewrite is done: the archive checks what it reads against them. */
  async finish(): Promise<Rewrites> {
    for (const replacement of this.rewrites.replaced.values()) {
      const stats = await stat(replacement.file)
      Object.assign(replacement, { size: stats.size, mtimeMs: stats.mtimeMs })
    }
    return this.rewrites
  }
}
