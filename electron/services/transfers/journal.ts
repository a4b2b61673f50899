import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeJsonAtomic } from '../fs/private-files'
import { JournalEntry, entryDoubt } from './journal-checks'
import { MadeHere } from './made-here'
import { lockProfile, type Release } from './profile-lock'

export { JournalEntry } from './journal-checks'

/** An entry left by a process that is gone, with whether it can be trusted. */
export type Orphan = { entry: JournalEntry; doubt?: undefined } | { file: string; doubt: string }

/**
 * One small owner-only file per running job, under the data folder, written before the job makes
 * anything at a service or on disk and removed when it ends. Whatever a crash leaves is in here
 * for the next start (of the app, the bridge or the CLI) to undo — once it has proved itself.
 */
export class Journal {
  readonly made: MadeHere
  /** Jobs given up by this process: every later write of theirs keeps saying so. */
  private readonly interrupted = new Map<string, string>()

  /**
   * `workDir`: the app's own work folder, the only place an entry's file may be. The profiles this
   * computer made are recorded beside the journal, not in it: an entry cannot vouch for itself.
   */
  constructor(
    private readonly dir: string,
    readonly workDir: string = join(dir, '..', 'work')
  ) {
    this.made = new MadeHere(join(dir, '..', 'made-here'))
  }

  private file(jobId: string): string {
    return join(this.dir, `${jobId.replace(/[^\w-]/g, '')}.json`)
  }

  private async read(file: string): Promise<JournalEntry | undefined> {
    try {
      return JournalEntry.parse(JSON.parse(await readFile(file, 'utf8')))
    } catch {
      return undefined
    }
  }

  /** Records the remote profile an entry names with its connection first: recovery trusts only what was recorded. */
  async write(entry: JournalEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const before = await this.read(this.file(entry.jobId))
    if (entry.madeProfileId !== undefined) await this.made.record(entry.connectionId, entry.madeProfileId)
    const interruptedAt = this.interrupted.get(entry.jobId)
    await writeJsonAtomic(this.file(entry.jobId), interruptedAt === undefined ? entry : { ...entry, interruptedAt })
    if (before?.madeProfileId !== undefined && before.madeProfileId !== entry.madeProfileId)
      await this.made.forget(before.connectionId, before.madeProfileId)
  }

  /**
   * Running jobs this process gives up after an unexpected error: their entries (made now for a job
   * that has made nothing yet) say so, for the report and for the next start, which undoes them.
   */
  async markInterrupted(jobs: Array<Pick<JournalEntry, 'jobId' | 'connectionId' | 'startedAt'>>, at: string): Promise<void> {
    for (const job of jobs) {
      this.interrupted.set(job.jobId, at)
      const existing = await this.read(this.file(job.jobId))
      await this.write(existing ?? { ...job, pid: process.pid })
    }
  }

  /** Every readable entry on disk: jobs running now, and what earlier runs left. */
  async all(): Promise<JournalEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    const entries = await Promise.all(names.filter((name) => name.endsWith('.json')).map((name) => this.read(join(this.dir, name))))
    return entries.filter((entry): entry is JournalEntry => entry !== undefined)
  }

  /** The job is over: the profile it made is the person's now, or gone; neither is recovery's to touch. */
  async remove(jobId: string): Promise<void> {
    const entry = await this.read(this.file(jobId))
    if (entry?.madeProfileId !== undefined) await this.made.forget(entry.connectionId, entry.madeProfileId)
    await rm(this.file(jobId), { force: true })
  }

  /** One import of one browser profile at a time on this computer; the lock lives beside the journal. */
  lockProfile(ref: string, what: string): Promise<Release> {
    return lockProfile(join(this.dir, '..', 'locks'), `import:${ref}`, what)
  }

  /** Moves an entry that cannot be trusted out of the way, kept for a person to look at; where it went. */
  async setAside(file: string): Promise<string> {
    const aside = join(this.dir, 'set-aside')
    await mkdir(aside, { recursive: true, mode: 0o700 })
    const target = join(aside, `${Date.now()}-${file}`)
    await rename(join(this.dir, file), target)
    return target
  }

  /** Entries left by processes that are gone: trusted ones, and the rest with why not. */
  async orphans(isAlive: (pid: number) => boolean): Promise<Orphan[]> {
    const names = await readdir(this.dir, { withFileTypes: true }).catch(() => [])
    const orphans: Orphan[] = []
    for (const name of names.filter((item) => item.isFile() && item.name.endsWith('.json')).map((item) => item.name)) {
      const entry = await this.read(join(this.dir, name))
      if (entry === undefined) {
        orphans.push({ file: name, doubt: 'it is damaged' })
        continue
      }
      if (entry.pid === process.pid || isAlive(entry.pid)) continue
      const doubt = await entryDoubt(entry, { workDir: this.workDir, made: this.made })
      orphans.push(doubt === undefined ? { entry } : { file: name, doubt })
    }
    return orphans
  }
}
