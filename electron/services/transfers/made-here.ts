import { createHash } from 'node:crypto'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeJsonAtomic } from '../fs/private-files'

/**
 * The remote profiles this computer made and has not yet seen through: one small file per profile,
 * written with the connection before the journal names it, removed once the profile is the
 * person's (the job finished) or gone (undone). Recovery deletes a profile at a service only when
 * it is recorded here for that same connection: a journal entry alone never names what to delete.
 */
export class MadeHere {
  constructor(private readonly dir: string) {}

  private file(connectionId: string, profileId: string): string {
    return join(this.dir, `${createHash('sha256').update(`${connectionId}\n${profileId}`).digest('hex')}.json`)
  }

  async record(connectionId: string, profileId: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    await writeJsonAtomic(this.file(connectionId, profileId), { connectionId, profileId, at: new Date().toISOString() })
  }

  async forget(connectionId: string, profileId: string): Promise<void> {
    await rm(this.file(connectionId, profileId), { force: true })
  }

  async has(connectionId: string, profileId: string): Promise<boolean> {
    try {
      const record = JSON.parse(await readFile(this.file(connectionId, profileId), 'utf8')) as Record<string, unknown>
      return record['connectionId'] === connectionId && record['profileId'] === profileId
    } catch {
      return false
    }
  }
}
