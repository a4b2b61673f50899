import { readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CloudCheck } from '../../../shared/domain/check'
import { ensurePrivateDir, writeJsonAtomic } from '../fs/private-files'
import { textOrder } from '../../../shared/text-order'

const KEPT_PER_PROFILE = 20

/** Finished checks as owner-only files in the app's data folder, newest kept; never a cookie value. */
export class CheckStore {
  constructor(private readonly dir: string) {}

  private fileOf(check: CloudCheck): string {
    return join(this.dir, `${check.startedAt.replace(/[:.]/g, '-')}-${check.id}.json`)
  }

  async save(check: CloudCheck): Promise<void> {
    ensurePrivateDir(this.dir)
    await writeJsonAtomic(this.fileOf(check), check)
    for (const old of (await this.list({ connectionId: check.connection.id, profileId: check.profile.id })).slice(KEPT_PER_PROFILE))
      await rm(this.fileOf(old), { force: true })
  }

  /** Newest first; a damaged file is passed over. */
  async list(filter: { connectionId?: string; profileId?: string } = {}): Promise<CloudCheck[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json'))
    const checks: CloudCheck[] = []
    for (const name of names) {
      const parsed = CloudCheck.safeParse(JSON.parse(await readFile(join(this.dir, name), 'utf8').catch(() => 'null')))
      if (!parsed.success) continue
      if (filter.connectionId !== undefined && parsed.data.connection.id !== filter.connectionId) continue
      if (filter.profileId !== undefined && parsed.data.profile.id !== filter.profileId) continue
      checks.push(parsed.data)
    }
    return checks.sort((a, b) => textOrder(b.startedAt, a.startedAt))
  }
}
