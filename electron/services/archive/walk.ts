import { lstatSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { pathUnder } from '../fs/path-under'
import { FileTable } from './file-table'
import type { CompiledRules } from './rules'

interface EmptyDir {
  /** Relative to the walked folder, `/`-separated. */
  path: string
  mtimeMs: number
  mode: number
}

export interface LeftOut {
  ruleId: string
  reason: string
  /** The paths the rule matched, as found (a folder counts once; what is inside is never looked at). */
  paths: string[]
}

export interface WalkResult {
  files: FileTable
  /** Folders that hold nothing kept: an archive keeps them as empty folders. */
  emptyDirs: EmptyDir[]
  keptBytes: number
  leftOut: LeftOut[]
}

const LINKS_RULE = {
  id: 'links-and-special-files',
  reason: 'Links and special files are never followed or copied, so nothing outside the profile can be included.'
}

/**
 * What an archive of `root` holds, in one walk shared by pre-flight and packing. Links, sockets and
 * devices are never followed; a folder a rule leaves out is pruned whole, never entered or measured.
 * One lstat per kept file; synchronous, since a thread-pool hop per file dominates the walk.
 */
export async function walkProfile(
  root: string,
  rules: CompiledRules,
  options: { signal?: AbortSignal; skipTopLevel?: (name: string) => boolean } = {}
): Promise<WalkResult> {
  const files = new FileTable()
  const leftOut: LeftOut[] = []
  const note = (ruleId: string, reason: string, path: string) => {
    let entry = leftOut.find((item) => item.ruleId === ruleId)
    if (entry === undefined) leftOut.push((entry = { ruleId, reason, paths: [] }))
    entry.paths.push(path)
  }
  const under = pathUnder(root)
  const holdsKept = new Set<string>([''])
  const stack: string[] = ['']
  while (stack.length > 0) {
    options.signal?.throwIfAborted()
    const relativeDir = stack.pop() ?? ''
    const dir = files.addDir(relativeDir)
    for (const entry of await readdir(under(relativeDir), { withFileTypes: true })) {
      if (relativeDir === '' && options.skipTopLevel?.(entry.name) === true) continue
      const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`
      if (!entry.isFile() && !entry.isDirectory()) {
        note(LINKS_RULE.id, LINKS_RULE.reason, path)
        continue
      }
      const rule = rules.match(path)
      if (rule !== undefined) {
        note(rule.id, rule.reason, path)
      } else if (entry.isDirectory()) {
        stack.push(path)
      } else {
        const stats = lstatSync(under(path))
        files.add(dir, entry.name, stats.size, stats.mtimeMs, stats.mode)
        for (let parent = relativeDir; !holdsKept.has(parent); parent = parent.slice(0, Math.max(0, parent.lastIndexOf('/'))))
          holdsKept.add(parent)
      }
    }
  }
  const emptyDirs = files.dirs
    .filter((path) => !holdsKept.has(path))
    .sort()
    .map((path) => {
      const stats = lstatSync(under(path))
      return { path, mtimeMs: stats.mtimeMs, mode: stats.mode }
    })
  return { files, emptyDirs, keptBytes: files.totalBytes, leftOut }
}
