import { lstatSync } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { CompiledRules } from './rules'

export interface KeptFile {
  /** Relative to the walked folder, `/`-separated. */
  path: string
  absolute: string
  size: number
  mtime: Date
}

export interface LeftOut {
  ruleId: string
  reason: string
  /** Top-level paths the rule matched (a folder counts once). */
  paths: string[]
  /** Bytes and files inside them, when measured. */
  bytes: number
  files: number
}

export interface WalkResult {
  kept: KeptFile[]
  keptBytes: number
  leftOut: LeftOut[]
}

export const LINKS_RULE = { id: 'links-and-special-files', reason: 'Links and special files are never followed or copied, so nothing outside the profile can be included.' }

/**
 * Lists what an archive of `root` would hold. Links, sockets and devices are never followed;
 * folders a rule leaves out are not entered unless `measureLeftOut` asks for their size.
 */
export async function walkProfile(
  root: string,
  rules: CompiledRules,
  options: { signal?: AbortSignal; measureLeftOut?: boolean; skipTopLevel?: (name: string) => boolean } = {}
): Promise<WalkResult> {
  const result: WalkResult = { kept: [], keptBytes: 0, leftOut: [] }
  const leftOutById = new Map<string, LeftOut>()
  const note = (ruleId: string, reason: string, path: string, bytes: number, files: number) => {
    let entry = leftOutById.get(ruleId)
    if (entry === undefined) {
      entry = { ruleId, reason, paths: [], bytes: 0, files: 0 }
      leftOutById.set(ruleId, entry)
      result.leftOut.push(entry)
    }
    entry.paths.push(path)
    entry.bytes += bytes
    entry.files += files
  }

  const stack: string[] = ['']
  while (stack.length > 0) {
    options.signal?.throwIfAborted()
    const relativeDir = stack.pop() ?? ''
    const entries = await readdir(join(root, relativeDir), { withFileTypes: true })
    for (const entry of entries) {
      if (relativeDir === '' && options.skipTopLevel?.(entry.name) === true) continue
      const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`
      const absolute = join(root, path)
      if (!entry.isFile() && !entry.isDirectory()) {
        note(LINKS_RULE.id, LINKS_RULE.reason, path, 0, 1)
        continue
      }
      const rule = rules.match(path)
      if (rule !== undefined) {
        const size = options.measureLeftOut === true ? await measure(absolute, entry.isDirectory(), options.signal) : { bytes: 0, files: 0 }
        note(rule.id, rule.reason, path, size.bytes, size.files)
      } else if (entry.isDirectory()) {
        stack.push(path)
      } else {
        // One lstat per kept file; synchronous, since a thread-pool hop per file dominates the walk.
        const stats = lstatSync(absolute)
        result.kept.push({ path, absolute, size: stats.size, mtime: stats.mtime })
        result.keptBytes += stats.size
      }
    }
  }
  result.kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return result
}

/** Size of a file or folder tree, links not followed. */
export async function measure(path: string, isDirectory: boolean, signal?: AbortSignal): Promise<{ bytes: number; files: number }> {
  if (!isDirectory) return { bytes: (await lstat(path)).size, files: 1 }
  let bytes = 0
  let files = 0
  const stack = [path]
  while (stack.length > 0) {
    signal?.throwIfAborted()
    const dir = stack.pop() ?? ''
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const child = join(dir, entry.name)
      if (entry.isDirectory()) stack.push(child)
      else if (entry.isFile()) {
        bytes += (await lstat(child)).size
        files += 1
      }
    }
  }
  return { bytes, files }
}
