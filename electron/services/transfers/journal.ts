import { mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeJsonAtomic } from '../fs/private-files'

/** What a running job has made so far that a crash would leave behind. */
export interface JournalEntry {
  jobId: string
  /** The process running the job: a live one's entries are never touched by another process. */
  pid: number
  connectionId: string
  startedAt: string
  /** A profile this job made at the service (or in the library), to delete if the job never finishes. */
  madeProfileId?: string
  /** A file this job is writing (a download's `.part`). */
  partFile?: string
  /** A check's session at the service, to end if the check never finished. */
  checkSessionId?: string
}

/**
 * One small owner-only file per running job, under the data folder, written before the job makes
 * anything at a service or on disk and removed when it ends. Whatever a crash leaves is in here
 * for the next start (of the app, the bridge or the CLI) to undo.
 */
export class Journal {
  constructor(private readonly dir: string) {}

  private file(jobId: string): string {
    return join(this.dir, `${jobId.replace(/[^\w-]/g, '')}.json`)
  }

  async write(entry: JournalEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    await writeJsonAtomic(this.file(entry.jobId), entry)
  }

  async remove(jobId: string): Promise<void> {
    await rm(this.file(jobId), { force: true })
  }

  /** Entries left by processes that are gone. */
  async orphans(isAlive: (pid: number) => boolean): Promise<JournalEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    const entries: JournalEntry[] = []
    for (const name of names.filter((candidate) => candidate.endsWith('.json'))) {
      try {
        const entry = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as JournalEntry
        if (typeof entry.jobId === 'string' && typeof entry.pid === 'number' && entry.pid !== process.pid && !isAlive(entry.pid))
          entries.push(entry)
      } catch {
        // A file cut short by the crash itself says nothing usable; it goes.
        await rm(join(this.dir, name), { force: true })
      }
    }
    return entries
  }
}
