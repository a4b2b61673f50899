import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, join, relative, isAbsolute } from 'node:path'
import * as z from 'zod'
import type { MadeHere } from './made-here'

/** What a running job has made so far that a crash would leave behind. */
export const JournalEntry = z.object({
  jobId: z.string().regex(/^[\w-]{1,100}$/),
  /** The process running the job: a live one's entries are never touched by another process. */
  pid: z.number().int().positive(),
  connectionId: z.string().min(1).max(200),
  startedAt: z.string().max(100),
  /** A profile this job made at the service (or in the library), to delete if the job never finishes. */
  madeProfileId: z.string().min(1).max(200).optional(),
  /** A file this job is writing inside the app's work folder (a download before it is moved into place). */
  partFile: z.string().min(1).max(4096).optional(),
  /** A check's session at the service, to end if the check never finished. */
  checkSessionId: z.string().min(1).max(200).optional(),
  /** Set when an unexpected error made the app give the job up: the next start says so, and undoes it. */
  interruptedAt: z.string().max(100).optional()
})
export type JournalEntry = z.infer<typeof JournalEntry>

const inside = (folder: string, path: string) => {
  const rel = relative(folder, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** Why a part file may not be removed: outside the work folder once links are resolved, or not a file. */
async function partFileDoubt(partFile: string, workDir: string): Promise<string | undefined> {
  const work = await realpath(workDir).catch(() => undefined)
  if (work === undefined || !isAbsolute(partFile)) return 'it names a file outside Profile Porter’s work folder'
  const folder = await realpath(dirname(partFile)).catch(() => undefined)
  if (folder === undefined) return undefined
  const stats = await lstat(partFile).catch(() => undefined)
  const resolved =
    stats === undefined ? join(folder, basename(partFile)) : await realpath(partFile).catch(() => join(folder, basename(partFile)))
  if (!inside(work, join(folder, basename(partFile))) || !inside(work, resolved))
    return 'it names a file outside Profile Porter’s work folder'
  if (stats !== undefined && !stats.isFile() && !stats.isSymbolicLink()) return 'it names a folder or a device, not a file'
  return undefined
}

/**
 * Whether an entry left by a process that is gone may be acted on: it names only a file inside the
 * app's own work folder and a remote profile this computer recorded making on that connection.
 * Undefined when it may; otherwise why not, in words.
 */
export async function entryDoubt(entry: JournalEntry, checks: { workDir: string; made: MadeHere }): Promise<string | undefined> {
  if (entry.partFile !== undefined) {
    const doubt = await partFileDoubt(entry.partFile, checks.workDir)
    if (doubt !== undefined) return doubt
  }
  if (entry.madeProfileId !== undefined && !(await checks.made.has(entry.connectionId, entry.madeProfileId)))
    return 'it names a remote profile this computer has no record of making'
  return undefined
}
