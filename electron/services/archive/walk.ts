import { lstatSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { CompiledRules } from './rules'

export interface KeptFile {
  /** Relative to the walked folder, `/`-separated. */
  path: string
  size: number
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
  files: KeptFile[]
  /** Folders that hold nothing kept: an archive keeps them as empty folders. */
  emptyDirs: KeptFile[]
  keptBytes: number
  leftOut: LeftOut[]
}

export const LINKS_RULE = { id: 'links-and-special-files', reason: 'Links and special files are never followed or copied, so nothing outside the profile can be included.' }

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
  const result: WalkResult = { files: [], emptyDirs: [], keptBytes: 0, leftOut: [] }
  const leftOutById = new Map<string, LeftOut>()
  const note = (ruleId: string, reason: string, path: string) => {
    let entry = leftOutById.get(ruleId)
    if (entry === undefined) {
      entry = { ruleId, reason, paths: [] }
      leftOutById.set(ruleId, entry)
      result.leftOut.push(entry)
    }
    entry.paths.push(path)
  }
  const dirs: string[] = []
  const holdsKept = new Set<string>([''])
  const stack: string[] = ['']
  while (stack.length > 0) {
    options.signal?.throwIfAborted()
    const relativeDir = stack.pop() ?? ''
    for (const entry of await readdir(join(root, relativeDir), { withFileTypes: true })) {
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
        dirs.push(path)
      } else {
        const stats = lstatSync(join(root, path))
        result.files.push({ path, size: stats.size, mtimeMs: stats.mtimeMs, mode: stats.mode })
        result.keptBytes += stats.size
        for (let parent = relativeDir; !holdsKept.has(parent); parent = parent.slice(0, Math.max(0, parent.lastIndexOf('/')))) holdsKept.add(parent)
      }
    }
  }
  for (const path of dirs) {
    if (holdsKept.has(path)) continue
    const stats = lstatSync(join(root, path))
    result.emptyDirs.push({ path, size: 0, mtimeMs: stats.mtimeMs, mode: stats.mode })
  }
  result.files.sort(byPath)
  result.emptyDirs.sort(byPath)
  return result
}

export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}
